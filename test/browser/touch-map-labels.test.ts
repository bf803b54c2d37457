/**
 * The touch panel's map of the 23 municipalities (issue 18): at every zoom the panel allows
 * (pinched from 1 up to its limit of 8), no two municipality names overlap (SVG `getBBox` of
 * the drawn text), the city okrugs are always named, and a name placed away from its point has
 * a leader line to it.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlRenderer } from '../dsl/renderer-build';
import { TouchStory } from '../dsl/touch';
import { launchChromium } from '../support/chromium';
import { appeal, startTestHub } from '../support/hub-fixture';

let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let cleanup = () => {};

beforeAll(async () => {
  const r = await controlRenderer();
  cleanup = r.cleanup;
  hub = await startTestHub({ staticDir: r.dir, heartbeatMs: 1000 });
  await hub.hub.publish({ upserts: [appeal({ id: 'labels-1' })], removes: [] });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
  cleanup();
});

interface DrawnLabel {
  text: string;
  box: { x: number; y: number; width: number; height: number };
  leader: boolean;
}

const labelsOf = (s: TouchStory) =>
  s.page.$$eval('.mmap-label-group', (gs) =>
    gs.map((g) => {
      const t = g.querySelector('text')!;
      const b = t.getBBox();
      return { text: t.textContent ?? '', box: { x: b.x, y: b.y, width: b.width, height: b.height }, leader: g.querySelector('line') !== null };
    }),
  );

function overlapping(labels: DrawnLabel[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i]!.box;
      const b = labels[j]!.box;
      const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (w > 0.5 && h > 0.5) out.push(`${labels[i]!.text} × ${labels[j]!.text}`);
    }
  }
  return out;
}

/** The city okrugs of the 2025 scheme: named at every zoom. */
const CITIES = ['Чебоксары', 'Новочебоксарск'];

describe('touch map labels', () => {
  it('never overlap, at every zoom the panel allows', async () => {
    const s = await TouchStory.open(browser, `${hub.url}/#/touch?token=dev-touch`);
    await s.expectItems(1);
    await s.page.waitForSelector('.mmap-label-group');
    await s.page.evaluate(() => document.fonts.ready.then(() => undefined));
    const seen: number[] = [];
    for (let step = 0; step < 8; step++) {
      const zoom = Number(await s.page.getAttribute('[data-zoomable="map"]', 'data-zoom'));
      seen.push(zoom);
      const labels = await labelsOf(s);
      expect(overlapping(labels), `zoom ${zoom}`).toEqual([]);
      for (const c of CITIES)
        expect(
          labels.map((l) => l.text),
          `zoom ${zoom}`,
        ).toContain(c);
      // All 23 fit at every zoom with the test machine's font; a few may drop with a wider one.
      expect(labels.length, `zoom ${zoom}`).toBeGreaterThanOrEqual(20);
      if (process.env.LOOK === '1') await s.page.screenshot({ path: `out/touch-labels-${step}.png` });
      if (zoom >= 8) break;
      await s.pinch(1.6);
      await s.page.waitForTimeout(100);
    }
    expect(Math.max(...seen)).toBe(8);
    await s.close();
  });
});
