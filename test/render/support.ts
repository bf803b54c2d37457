/**
 * Helpers for the map's browser tests (render goldens, context loss): open the wall on a test
 * hub with a fixed `now`, wait until the map and its live layers are drawn, and read pixels.
 */
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';

export interface MapWindow {
  __curWall?: {
    map: {
      loaded(): boolean;
      areTilesLoaded(): boolean;
      project(p: [number, number]): { x: number; y: number };
      getCanvas(): HTMLCanvasElement;
      getContainer(): HTMLElement;
      queryRenderedFeatures(o: { layers: string[] }): { properties: Record<string, unknown> }[];
      triggerRepaint(): void;
    };
  };
}

export interface OpenOptions {
  width: number;
  height: number;
  /** Extra URL parameters after the hash (`now`, `metric`, `vx`…). */
  params?: Record<string, string | number>;
  entities: number;
  /** Hide the ticker and legend panels (they cover parts of a small map). */
  hideOverlays?: boolean;
  /** CSS selectors of further page parts to hide (the header's clock, say). */
  hide?: string[];
}

/** Opens the wall and waits for the map, the feed and `entities` entities. */
export async function openWall(browser: Browser, hubUrl: string, opts: OpenOptions): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: opts.width, height: opts.height } });
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  // `shows: 'map'`: the map screen (no scene rotation, no alarm flights), what these tests measure.
  // A window smaller than a wall's screen is a desk monitor: its viewing distance (`dist`, the type
  // scale) in proportion, 4 m at 1920 px wide, so the header's figures fit as on the wall.
  const dist = Math.max(0.5, Math.round(((4 * opts.width) / 1920) * 10) / 10);
  const q = new URLSearchParams({
    token: 'dev-wall',
    shows: 'map',
    dist: String(dist),
    ...Object.fromEntries(Object.entries(opts.params ?? {}).map(([k, v]) => [k, String(v)])),
  });
  await page.goto(`${hubUrl}/#/wall/main?${q}`);
  const hidden = [...(opts.hideOverlays ? ['.ticker', '.ticker-strip', '.legend'] : []), ...(opts.hide ?? [])];
  if (hidden.length) await page.addStyleTag({ content: `${hidden.join(', ')} { display: none !important; }` });
  await page.waitForSelector('html[data-map="ready"]', { timeout: 120_000 });
  await page.waitForFunction((n) => document.documentElement.dataset.entities === String(n), opts.entities, { timeout: 90_000 });
  await waitForMapIdle(page);
  return page;
}

/**
 * Waits until maplibre has loaded every source and drawn, with its canvas at its container's size
 * (maplibre follows a resize a frame or up to 50 ms later: a screenshot between the two shows the
 * old size's picture — on a loaded machine the overview golden then differed by 3.18 %), then for
 * two more frames.
 */
export async function waitForMapIdle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const m = (window as unknown as MapWindow).__curWall?.map;
      if (!m) return false;
      const canvas = m.getCanvas();
      const box = m.getContainer();
      return canvas.clientWidth === box.clientWidth && canvas.clientHeight === box.clientHeight && m.loaded() && m.areTilesLoaded();
    },
    null,
    { timeout: 120_000, polling: 100 },
  );
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        (window as unknown as MapWindow).__curWall!.map.triggerRepaint();
        requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
      }),
  );
}

/** Page pixel of a point on the map. */
export async function pagePixel(page: Page, lon: number, lat: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([x, y]) => {
      const p = (window as unknown as MapWindow).__curWall!.map.project([x!, y!]);
      const r = (document.querySelector('.wall-map') as HTMLElement).getBoundingClientRect();
      return { x: Math.round(r.left + p.x), y: Math.round(r.top + p.y) };
    },
    [lon, lat],
  );
}

/** Pixels in squares of `size` around page points that satisfy `pred` (r, g, b), from one screenshot. */
export async function countPixelsAt(
  page: Page,
  points: { x: number; y: number }[],
  size: number,
  pred: (r: number, g: number, b: number) => boolean,
): Promise<number[]> {
  const png = PNG.sync.read(await page.screenshot());
  const half = Math.floor(size / 2);
  return points.map(({ x, y }) => {
    let n = 0;
    for (let yy = Math.max(0, y - half); yy < Math.min(png.height, y - half + size); yy++)
      for (let xx = Math.max(0, x - half); xx < Math.min(png.width, x - half + size); xx++) {
        const i = 4 * (yy * png.width + xx);
        if (pred(png.data[i]!, png.data[i + 1]!, png.data[i + 2]!)) n++;
      }
    return n;
  });
}

/** Pixels in a square of `size` around a page point that satisfy `pred` (r, g, b). */
export async function countPixels(page: Page, at: { x: number; y: number }, size: number, pred: (r: number, g: number, b: number) => boolean): Promise<number> {
  const half = Math.floor(size / 2);
  const png = PNG.sync.read(await page.screenshot({ clip: { x: at.x - half, y: at.y - half, width: size, height: size } }));
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) if (pred(png.data[i]!, png.data[i + 1]!, png.data[i + 2]!)) n++;
  return n;
}

export const isRed = (r: number, g: number, b: number): boolean => r > 170 && g < 110 && b < 110;
