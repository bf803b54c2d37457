import { describe, expect, it } from 'vitest';
import { captureWidths, capturePng, type CapturedImage } from './capture';

/** A fake NativeImage whose PNG is `bytesPerPixel` bytes per pixel. */
function image(width: number, height: number, bytesPerPixel = 1, empty = false): CapturedImage {
  return {
    isEmpty: () => empty,
    getSize: () => ({ width, height }),
    resize: ({ width: w }) => image(w, Math.round((height * w) / width), bytesPerPixel),
    toPNG: () => Buffer.alloc(width * height * bytesPerPixel),
  };
}

describe('capture', () => {
  it('tries the requested width, then halves, down to 160 px', () => {
    expect(captureWidths(1920, 960)).toEqual([960, 480, 240, 160]);
    expect(captureWidths(1920, 4000)).toEqual([1920, 960, 480, 240, 160]);
    expect(captureWidths(100, 960)).toEqual([100]);
  });

  it('returns the largest picture that fits the message limit', async () => {
    const shot = await capturePng({ capturePage: async () => image(1920, 1080) }, 960, 600_000);
    // 960×540 = 518 400 bytes → 691 200 base64 characters: too big; 480×270 fits.
    expect([shot.width, shot.height]).toEqual([480, 270]);
    expect(shot.png.length).toBeLessThanOrEqual(600_000);
    const full = await capturePng({ capturePage: async () => image(320, 180) }, 960, 600_000);
    expect([full.width, full.height]).toEqual([320, 180]);
  });

  it('fails with a reason on an empty or hopelessly large picture', async () => {
    await expect(capturePng({ capturePage: async () => image(1920, 1080, 1, true) }, 960, 1e6)).rejects.toThrow(/empty picture/);
    await expect(capturePng({ capturePage: async () => image(1920, 1080, 100) }, 960, 1_000)).rejects.toThrow(/too large/);
  });
});
