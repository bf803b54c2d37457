/**
 * Read from the back of the room, day and night (issue 18), on every scene of the duty-shift
 * wall with demo-like data at a fixed hub time (as wall-scenes.test.ts), on a screen at 4 m and
 * on one of a 3×2 wall at 6 m:
 * - axe-core finds no colour-contrast violation in the day palette nor in the night palette
 *   (`data-palette="night"` on <html>, switched at run time through `window.__curPalette`);
 * - every visible text but the map's attribution is at least the type scale's body size;
 * - nothing is cut short: no text that CSS clamps (`line-clamp`) or ends with `text-overflow:
 *   ellipsis` overflows its box, no row straddles the bottom of a panel column, and the ticker
 *   shows whole items only;
 * - no two visible wall labels overlap (DOM text boxes of each row and header), and on the
 *   map no two labels nor a label and a live symbol's reserved box (maplibre's placed symbols).
 * `DOCS=1` also writes docs/scenes/<scene>-night.png (look at every one).
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ALARM_RULES } from '../../app/alarms/alarm-rules';
import { evaluateAlarms } from '../../app/alarms/evaluate-alarms';
import { isItem } from '../../app/domain/entity';
import { parseSceneKey } from '../../app/scenes/scene';
import { LABEL_LAYERS, OBSTACLE_LAYER } from '../../renderer/map/label-policy';
import { launchChromium } from '../support/chromium';
import { startTestHub } from '../support/hub-fixture';
import { Commander, criticalAccident, demoEntities, openWallPage, STATIC, waitForMapIdle } from './wall-support';

declare global {
  interface Window {
    /** Pins the wall's palette (renderer/wall/use-palette.ts). */
    __curPalette?: (name: 'day' | 'night' | null) => void;
  }
}

/** Thursday 20 November 2025, 12:00 МСК (day palette by the playlist). */
const NOW = Date.UTC(2025, 10, 20, 9);
const SCENES = ['overview', 'housing', 'sla', 'ratings', 'sector:healthcare', 'municipality:97701000'] as const;
const DOCS = process.env.DOCS === '1';

let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let presenter: Commander;
let page: Page;
let items = 0;
let alarms = 0;
/** Screens of the configured layouts a scene window can be on (the 4K wall at 8 m is left out: too slow on a CPU rasteriser). */
const LAYOUTS = [
  ['one 55″ Full HD screen at 4 m', ''],
  ['a 3×2 wall of 55″ Full HD panels at 6 m', '&dist=6'],
] as const;
let docs = false;

beforeAll(async () => {
  hub = await startTestHub({ staticDir: STATIC, heartbeatMs: 1000, retain: 100_000, now: () => NOW });
  const entities = demoEntities(NOW);
  for (let i = 0; i < entities.length; i += 2000) await hub.hub.publish({ upserts: entities.slice(i, i + 2000), removes: [] });
  presenter = new Commander(hub.url, 'presenter');
  for (const a of evaluateAlarms(entities, NOW, DEFAULT_ALARM_RULES, new Set())) await presenter.send({ type: 'alarm:ack', alarmId: a.id });
  items = entities.filter(isItem).length;
  browser = await launchChromium();
  if (DOCS) mkdirSync('docs/scenes', { recursive: true });
}, 180_000);

/** A wall page of a layout (`query`: its type-scale parameters), with every item drawn. */
async function openLayout(query: string): Promise<Page> {
  const p = await openWallPage(browser, hub.url, `now=${NOW}${query}`);
  await p.waitForSelector('html[data-map="ready"][data-feed-state="live"]', { timeout: 60_000 });
  await p.waitForFunction((n) => document.documentElement.dataset.entities === String(n), items, { timeout: 60_000 });
  await p.evaluate(() => document.fonts.ready.then(() => undefined));
  return p;
}

afterAll(async () => {
  presenter?.close();
  await browser?.close();
  await hub?.close();
});

/** Texts that CSS cut short: clamped or ellipsised boxes whose content overflows them, ticker items cut at its end. */
function textsCutShort(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('.wall *')) {
      const text = el.textContent?.trim() ?? '';
      if (!text || el.closest('.maplibregl-ctrl-attrib, .sr-only') || el.getClientRects().length === 0) continue;
      const cs = getComputedStyle(el);
      const clamp = cs.webkitLineClamp !== 'none' && cs.webkitLineClamp !== '';
      if (clamp) {
        // Clamped when lifting the clamp makes the box taller (more than two lines of text).
        const before = el.getBoundingClientRect().height;
        el.style.setProperty('-webkit-line-clamp', 'unset');
        const after = el.getBoundingClientRect().height;
        el.style.removeProperty('-webkit-line-clamp');
        if (after > before + 2) out.push(`clamped: ${text}`);
      } else if (cs.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) out.push(`ellipsis: ${text}`);
    }
    // A panel column shows whole lines only: none straddles its bottom edge.
    for (const col of document.querySelectorAll<HTMLElement>('.scene-column')) {
      const bottom = col.getBoundingClientRect().bottom;
      for (const li of col.querySelectorAll('li, tr, p')) {
        const r = li.getBoundingClientRect();
        if (getComputedStyle(li).visibility !== 'hidden' && r.top < bottom - 1 && r.bottom > bottom + 1) out.push(`column edge: ${li.textContent ?? ''}`);
      }
    }
    for (const ol of document.querySelectorAll<HTMLElement>('.ticker-strip ol')) {
      const box = ol.getBoundingClientRect();
      for (const li of ol.querySelectorAll('li')) {
        const r = li.getBoundingClientRect();
        const shown = r.top < box.bottom - 1 && r.bottom > box.top + 1;
        if (shown && (r.right > box.right + 1 || r.bottom > box.bottom + 1)) out.push(`ticker: ${li.textContent ?? ''}`);
      }
    }
    return out;
  });
}

/** Pairs of visible wall text boxes (leaf text elements, one box per line) that overlap. */
function overlappingLabels(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    type Box = { text: string; l: number; t: number; r: number; b: number };
    const boxes: Box[] = [];
    const walker = document.createTreeWalker(document.querySelector('.wall') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim() ?? '';
      const el = n.parentElement;
      if (!text || !el || el.closest('.sr-only, .maplibregl-ctrl-attrib, [data-alarm-frame]')) continue;
      // The visible part: clipped by every overflow-hidden ancestor.
      let clip = { l: -Infinity, t: -Infinity, r: Infinity, b: Infinity };
      for (let a: HTMLElement | null = el; a; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (cs.overflow !== 'visible' || cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
          const r = a.getBoundingClientRect();
          clip = { l: Math.max(clip.l, r.left), t: Math.max(clip.t, r.top), r: Math.min(clip.r, r.right), b: Math.min(clip.b, r.bottom) };
        }
      }
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) {
        // The glyphs' core (the middle half of the line box): lines set tighter than the font's
        // ascent + descent touch without their letters meeting.
        const q = r.height / 4;
        const b = { text, l: Math.max(r.left, clip.l), t: Math.max(r.top + q, clip.t), r: Math.min(r.right, clip.r), b: Math.min(r.bottom - q, clip.b) };
        if (b.r - b.l > 1 && b.b - b.t > 1) boxes.push(b);
      }
    }
    const out: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const c = boxes[j]!;
        const w = Math.min(a.r, c.r) - Math.max(a.l, c.l);
        const h = Math.min(a.b, c.b) - Math.max(a.t, c.t);
        if (w > 2 && h > 1) out.push(`«${a.text}» × «${c.text}»`);
      }
    }
    return out;
  });
}

/**
 * Map labels that share a pixel with another label or a live symbol: maplibre answers a point query with the
 * symbols whose placed (collision) box covers it, so two different symbols at one point are
 * two boxes that overlap. A grid of points over the map canvas, every 6 px.
 */
function mapLabelOverlaps(p: Page): Promise<{ overlaps: string[]; labels: number }> {
  return p.evaluate((ids) => {
    const map = window.__curWall!.map;
    const layers = ids.filter((id) => map.getLayer(id));
    const { clientWidth: w, clientHeight: h } = map.getCanvas();
    const overlaps = new Set<string>();
    const labels = new Set<string>();
    for (let y = 3; y < h; y += 6) {
      for (let x = 3; x < w; x += 6) {
        const here = new Set(map.queryRenderedFeatures([x, y], { layers }).map((f) => `${f.layer.id}:${JSON.stringify(f.properties)}:${JSON.stringify((f.geometry as { coordinates?: unknown }).coordinates ?? '')}`));
        const names = [...here].filter((k) => !k.startsWith('live-label-obstacles'));
        for (const k of names) labels.add(k);
        // Live symbols may cover each other (dense data); a name covers no other name, and no
        // live symbol either, except a centre's name (placed first and drawn above them).
        const centreOverSymbols = names.length === 1 && names[0]!.startsWith('settlement-labels:');
        if (names.length > 1 || (names.length === 1 && here.size > 1 && !centreOverSymbols)) overlaps.add([...here].map((k) => k.slice(0, 80)).sort().join(' × '));
      }
    }
    return { overlaps: [...overlaps], labels: labels.size };
  }, [...LABEL_LAYERS, OBSTACLE_LAYER]);
}

/** Visible wall texts smaller than the type scale's body size (`data-type-scale`), the map's attribution aside. */
function textsTooSmall(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const body = Number((document.documentElement.dataset.typeScale ?? '0/0').split('/')[0]);
    const out: string[] = [];
    const walker = document.createTreeWalker(document.querySelector('.wall') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim() ?? '';
      if (!text || !el || el.closest('.maplibregl-ctrl-attrib, .sr-only, [aria-hidden="true"]') || el.getClientRects().length === 0) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden') continue;
      const px = parseFloat(cs.fontSize);
      if (px + 0.5 < body) out.push(`${text} (${px} px < ${body} px)`);
    }
    return out;
  });
}

async function contrastViolations(p: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page: p }).withRules(['color-contrast']).analyze();
  return axe.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`));
}

async function checkBothPalettes(name: string): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[data-waiting]') && document.querySelector('[data-kpi="open"] .kpi-value')?.textContent !== '—', null, { timeout: 20_000 });
  await waitForMapIdle(page);
  expect(await page.getAttribute('html', 'data-palette'), 'noon is day').toBe('day');
  const day = { small: await textsTooSmall(page), cut: await textsCutShort(page), overlaps: await overlappingLabels(page), map: await mapLabelOverlaps(page), contrast: await contrastViolations(page) };
  await page.evaluate(() => window.__curPalette?.('night'));
  await page.waitForSelector('html[data-palette="night"]');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const nightContrast = await contrastViolations(page);
  if (docs) await page.screenshot({ path: `docs/scenes/${name}-night.png`, animations: 'disabled' });
  await page.evaluate(() => window.__curPalette?.(null));
  await page.waitForSelector('html[data-palette="day"]');
  expect(day.small, `${name}: text below the body size`).toEqual([]);
  expect(day.cut, `${name}: cut short`).toEqual([]);
  expect(day.overlaps, `${name}: overlapping labels`).toEqual([]);
  expect(day.map.overlaps, `${name}: overlapping map labels or live symbols`).toEqual([]);
  expect(day.map.labels, `${name}: map labels shown`).toBeGreaterThan(0);
  expect(day.contrast, `${name}: day contrast`).toEqual([]);
  expect(bg, 'night background').toBe('rgb(5, 8, 15)');
  expect(nightContrast, `${name}: night contrast`).toEqual([]);
}

describe.each(LAYOUTS)('%s: legible day and night, scene by scene', (_, query) => {
  beforeAll(async () => {
    page = await openLayout(query);
    docs = DOCS && query === '';
  }, 120_000);
  afterAll(async () => {
    await page?.context().close();
  });

  it.each(SCENES)('%s: nothing cut short, no overlapping labels, contrast in both palettes', async (key) => {
    expect((await presenter.send({ type: 'scene:set', scene: parseSceneKey(key), durationS: 3600 })).ok).toBe(true);
    await page.waitForFunction((k) => document.documentElement.dataset.scene === k, key, { timeout: 10_000 });
    await checkBothPalettes(key.replace(':', '-'));
  });

  it('alarm: the takeover banner too', async () => {
    await presenter.send({ type: 'scene:clear' });
    // An accident of this layout's own, acknowledged afterwards: the next layout starts calm.
    const accident = criticalAccident(NOW, `crit-${++alarms}`);
    await hub.hub.publish({ upserts: [accident], removes: [] });
    items++;
    await page.waitForFunction(() => (document.documentElement.dataset.alarm ?? '') !== '', null, { timeout: 10_000 });
    await checkBothPalettes('alarm');
    for (const a of evaluateAlarms([accident], NOW, DEFAULT_ALARM_RULES, new Set())) await presenter.send({ type: 'alarm:ack', alarmId: a.id });
  });
});
