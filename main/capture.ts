/**
 * A screen's picture for the operator (`screen:capture` on the hub's `/admin`). The picture
 * is downscaled until its base64 PNG fits one socket.io message (`CAPTURE_MAX_BASE64`).
 * Electron is reached through the tiny `CapturableContents` seam, so this is tested with
 * a fake image.
 */

/** The parts of Electron's `NativeImage` used here. */
export interface CapturedImage {
  isEmpty(): boolean;
  getSize(): { width: number; height: number };
  resize(options: { width: number; quality?: 'good' | 'better' | 'best' }): CapturedImage;
  toPNG(): Buffer;
}

/** The part of `webContents` used here. */
export interface CapturableContents {
  capturePage(): Promise<CapturedImage>;
}

/** Smallest width tried before giving up. */
export const CAPTURE_MIN_WIDTH = 160;

/** Widths to try: the requested width (at most the picture's), then halves down to {@link CAPTURE_MIN_WIDTH}. */
export function captureWidths(pictureWidth: number, maxWidth: number): number[] {
  let w = Math.max(1, Math.min(pictureWidth, maxWidth));
  const out = [w];
  while (w > CAPTURE_MIN_WIDTH) {
    w = Math.max(CAPTURE_MIN_WIDTH, Math.floor(w / 2));
    out.push(w);
  }
  return out;
}

/** Captures the page and returns the largest PNG (base64) not over `maxBase64` characters. */
export async function capturePng(wc: CapturableContents, maxWidth: number, maxBase64: number): Promise<{ png: string; width: number; height: number }> {
  const image = await wc.capturePage();
  if (image.isEmpty()) throw new Error('empty picture (the window is not shown?)');
  const size = image.getSize();
  for (const width of captureWidths(size.width, maxWidth)) {
    const img = width === size.width ? image : image.resize({ width, quality: 'good' });
    const png = img.toPNG().toString('base64');
    if (png.length <= maxBase64) return { png, ...img.getSize() };
  }
  throw new Error(`picture too large even at ${CAPTURE_MIN_WIDTH} px wide`);
}
