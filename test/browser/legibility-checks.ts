/**
 * Legibility checks of a wall page shared by the legibility tests (wall-legibility*.test.ts,
 * issue 18): texts CSS cuts short, overlapping text boxes, texts below the type scale's body
 * size, texts that end with «…», panel headings over rows that did not fit, the basemap's
 * rendered label sizes, and a capital letter's height measured on a screenshot's pixels.
 */
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { expect } from 'vitest';
import { characterHeightMm, MIN_ARC_MINUTES } from '../../app/wall/geometry';
import { CENTRE_LABELS, LABEL_LAYERS, MINOR_OBSTACLE_LAYER, OBSTACLE_LAYER } from '../../renderer/map/label-policy';
import { wallTypeScale } from '../../renderer/wall/type-scale';

/** Texts that CSS cut short: clamped or ellipsised boxes whose content overflows them, ticker items cut at its end. */
export function textsCutShort(p: Page): Promise<string[]> {
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
export function overlappingLabels(p: Page): Promise<string[]> {
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

/** Visible texts under `root` (default: the wall) smaller than the type scale's body size (`data-type-scale`), the map's attribution aside. */
export function textsTooSmall(p: Page, root = '.wall'): Promise<string[]> {
  return p.evaluate((sel) => {
    const body = Number((document.documentElement.dataset.typeScale ?? '0/0').split('/')[0]);
    const out: string[] = [];
    const walker = document.createTreeWalker(document.querySelector(sel) ?? document.body, NodeFilter.SHOW_TEXT);
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
  }, root);
}

/** Visible texts under `root` (default: the wall) that end with «…» (a title cut short shows its cut as text). */
export function textsEndingWithEllipsis(p: Page, root = '.wall'): Promise<string[]> {
  return p.evaluate((sel) => {
    const out: string[] = [];
    for (const top of document.querySelectorAll(sel)) {
      const walker = document.createTreeWalker(top, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        const text = n.textContent?.trim() ?? '';
        if (!text.endsWith('…') || !el || el.closest('.sr-only, [aria-hidden="true"], [data-beyond]') || el.getClientRects().length === 0) continue;
        if (getComputedStyle(el).visibility !== 'hidden') out.push(text);
      }
    }
    return out;
  }, root);
}

/**
 * Visible texts that end with «…» anywhere but after a whole word of their full text
 * (`data-full`, or no full text known): a deliberate abbreviation is allowed, a cut word is not.
 */
export function textsCutMidWord(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.querySelector('.wall') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = (n.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (!text.endsWith('…') || !el || el.closest('.sr-only, [aria-hidden="true"], [data-beyond]') || el.getClientRects().length === 0) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      const full = (el.closest<HTMLElement>('[data-full]')?.dataset.full ?? '').replace(/\s+/g, ' ').trim();
      const head = text.slice(0, -1);
      const after = full.charAt(head.length);
      if (!full.startsWith(head) || (after !== '' && after !== ' ' && /[\p{L}\p{N}]/u.test(after) && /[\p{L}\p{N}]$/u.test(head)))
        out.push(`${text} (of «${full}»)`);
    }
    return out;
  });
}

/**
 * Panels of the scene column whose rows did not all fit (`data-beyond`) and whose heading does
 * not say so: the heading's `.panel-more` must read «ещё N» (some shown) or «N не поместились».
 */
export function dishonestHeadings(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const out: string[] = [];
    for (const panel of document.querySelectorAll<HTMLElement>('.scene-column section.panel')) {
      const rows = panel.querySelectorAll('li, tr:not(.gap)').length;
      const hidden = panel.querySelectorAll('li[data-beyond], tr[data-beyond]:not(.gap)').length;
      const more = panel.querySelector('.panel-title .panel-more')?.textContent ?? '';
      const want = hidden === 0 ? '' : hidden >= rows ? `${hidden} не поместились` : `ещё ${hidden}`;
      const title = panel.querySelector('.panel-title');
      const seen = title !== null && title.getClientRects().length > 0 && getComputedStyle(title).visibility !== 'hidden';
      if (seen && more !== want) out.push(`${panel.dataset.panel ?? '?'}: ${hidden} of ${rows} rows hidden, heading says «${more}»`);
    }
    return out;
  });
}

/** The visible wall text with the smallest font: its text, CSS font shorthand and size (px). */
export function smallestText(p: Page): Promise<{ text: string; font: string; px: number } | null> {
  return p.evaluate(() => {
    let best: { text: string; font: string; px: number } | null = null;
    const walker = document.createTreeWalker(document.querySelector('.wall') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim() ?? '';
      if (!text || !el || el.closest('.maplibregl-ctrl-attrib, .sr-only, [aria-hidden="true"]') || el.getClientRects().length === 0) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden') continue;
      const px = parseFloat(cs.fontSize);
      if (!best || px < best.px) best = { text, font: `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`, px };
    }
    return best;
  });
}

/**
 * Visible texts that run past the screen's left or right edge, or past the right edge of a box
 * that clips them (`overflow` other than visible): a page wider than its screen, or a column
 * narrower than its words.
 */
export function textsPastEdge(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.querySelector('.wall') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim() ?? '';
      if (!text || !el || el.closest('.sr-only, .maplibregl-ctrl-attrib, [aria-hidden="true"], [data-beyond]') || el.getClientRects().length === 0) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      let right = window.innerWidth;
      let top = 0;
      let bottom = window.innerHeight;
      for (let a: HTMLElement | null = el; a; a = a.parentElement) {
        const cs = getComputedStyle(a);
        const box = a.getBoundingClientRect();
        if (cs.overflowX !== 'visible') right = Math.min(right, box.right);
        if (cs.overflowY !== 'visible') [top, bottom] = [Math.max(top, box.top), Math.min(bottom, box.bottom)];
      }
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) {
        // A line wrapped out of sight (the ticker's hidden lines) is not on the screen at all.
        // (By the middle of its glyph box: a font's box is taller than a tight line.)
        const middle = (r.top + r.bottom) / 2;
        if (r.width < 1 || middle >= bottom || middle <= top) continue;
        if (r.left < -1 || (r.right > right + 1 && r.left < right - 1)) {
          out.push(
            `${text.slice(0, 60)} (${Math.round(r.left)}–${Math.round(r.right)} px, edge ${Math.round(right)}; in ${el.closest('[data-panel], [class]')?.className ?? '?'} of ${el.closest('[data-panel]')?.getAttribute('data-panel') ?? '?'})`,
          );
          break;
        }
      }
    }
    return out;
  });
}

/**
 * The basemap's labels as maplibre rendered them (`queryRenderedFeatures` on the label layers:
 * each feature carries its layer's layout evaluated for it, `text-size` in px): how many, the
 * smallest size, and those below the type scale's body size (`data-type-scale`).
 */
export function mapLabelSizes(p: Page, layers: readonly string[]): Promise<{ labels: number; smallest: number; below: string[] }> {
  return p.evaluate(
    (ids) => {
      const body = Number((document.documentElement.dataset.typeScale ?? '0/0').split('/')[0]);
      const map = window.__curWall!.map;
      const features = map.queryRenderedFeatures({ layers: ids.filter((id) => map.getLayer(id)) });
      let smallest = Infinity;
      const below: string[] = [];
      for (const f of features) {
        const size = Number((f.layer.layout as Record<string, unknown> | undefined)?.['text-size']);
        smallest = Math.min(smallest, size);
        if (!(size + 0.5 >= body)) below.push(`${f.layer.id} «${String(f.properties.name ?? '')}» ${size} px < ${body} px`);
      }
      return { labels: features.length, smallest, below };
    },
    [...layers],
  );
}

/** A symbol maplibre placed, as its collision geometry in canvas CSS px: a box, or the circles along a line label. */
export interface SymbolShape {
  layer: string;
  /** One per placed symbol (its bucket and feature): the circles of one line label share it. */
  key: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** A circle (line labels): centre and radius; absent for a box. */
  circle?: { x: number; y: number; r: number };
}

/**
 * Every symbol the wall map placed, from maplibre's collision index of its last placement (the
 * boxes of point labels with their `text-padding`, the circles of line labels, the obstacle
 * icons): what maplibre itself keeps apart. Internal to maplibre (`style.placement`), so the
 * test fails loudly if a maplibre upgrade moves it.
 */
export async function mapSymbolShapes(p: Page): Promise<{ width: number; height: number; shapes: SymbolShape[] }> {
  // The frame along the canvas's edges is placed once the camera rests (label-obstacles.ts), then maplibre places again.
  await p.waitForFunction(() => Number((document.documentElement.dataset.mapObstacles ?? '0/0').split('/')[0]) > 0, null, { timeout: 15_000 });
  await p.waitForFunction(() => Boolean(window.__curWall?.map.loaded() && window.__curWall.map.areTilesLoaded()), null, { timeout: 60_000, polling: 100 });
  await p.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  return p.evaluate(() => {
    type Key = { bucketInstanceId: number; featureIndex: number };
    type Grid = { boxKeys: Key[]; bboxes: number[]; circleKeys: Key[]; circles: number[] };
    type Placement = {
      collisionIndex: { grid: Grid };
      retainedQueryData: Record<number, { bucketIndex: number; featureIndex: { bucketLayerIDs: string[][] } } | undefined>;
    };
    const map = window.__curWall!.map;
    const placement = (map as unknown as { style: { placement?: Placement } }).style.placement;
    if (!placement?.collisionIndex?.grid) throw new Error('maplibre: no collision index on style.placement (maplibre changed?)');
    const grid = placement.collisionIndex.grid;
    // The grid reaches 100 px past the canvas on every side (maplibre's CollisionIndex).
    const PAD = 100;
    const layerOf = (k: Key) => {
      const q = placement.retainedQueryData[k.bucketInstanceId];
      return q?.featureIndex.bucketLayerIDs[q.bucketIndex]?.[0] ?? '?';
    };
    const shapes: SymbolShape[] = [];
    grid.boxKeys.forEach((k, i) => {
      const [x1, y1, x2, y2] = grid.bboxes.slice(4 * i, 4 * i + 4).map((v) => v - PAD) as [number, number, number, number];
      shapes.push({ layer: layerOf(k), key: `${k.bucketInstanceId}/${k.featureIndex}`, x1, y1, x2, y2 });
    });
    grid.circleKeys.forEach((k, i) => {
      const [x, y, r] = [grid.circles[3 * i]! - PAD, grid.circles[3 * i + 1]! - PAD, grid.circles[3 * i + 2]!];
      shapes.push({ layer: layerOf(k), key: `${k.bucketInstanceId}/${k.featureIndex}`, x1: x - r, y1: y - r, x2: x + r, y2: y + r, circle: { x, y, r } });
    });
    const c = map.getCanvas();
    return { width: c.clientWidth, height: c.clientHeight, shapes };
  });
}

/** Whether two shapes overlap by more than half a pixel (boxes, circles, or one of each). */
function shapesOverlap(a: SymbolShape, b: SymbolShape): boolean {
  const e = 0.5;
  if (a.circle && b.circle) return Math.hypot(a.circle.x - b.circle.x, a.circle.y - b.circle.y) < a.circle.r + b.circle.r - e;
  const c = a.circle ?? b.circle;
  if (c) {
    const box = a.circle ? b : a;
    const dx = Math.max(box.x1 - c.x, 0, c.x - box.x2);
    const dy = Math.max(box.y1 - c.y, 0, c.y - box.y2);
    return Math.hypot(dx, dy) < c.r - e;
  }
  return Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) > e && Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) > e;
}

/** A live marker on the map: its centre and radius in canvas px. */
export interface Marker {
  name: string;
  x: number;
  y: number;
  r: number;
  /** An appeal at risk: the capital's and okrug centres' names go before it (label-policy.ts). */
  minor?: boolean;
}

/**
 * What is wrong with the placed labels (every symbol but the obstacles): two that overlap, one
 * whose box is partly off the canvas (cut at the edge; one wholly off is not drawn at all), one
 * on a live obstacle's box or on a live `marker` (computed by the caller from the data, not
 * from the obstacles) that goes before it (the minor ones, appeals at risk, come after the
 * capital's and okrug centres' names). Pure.
 */
export function labelFaults(
  shapes: readonly SymbolShape[],
  width: number,
  height: number,
  markers: readonly Marker[] = [],
): { labels: number; obstacles: number; overlaps: string[]; pastEdge: string[]; onLive: string[] } {
  const name = (s: SymbolShape) => `${s.layer} [${Math.round(s.x1)},${Math.round(s.y1)}–${Math.round(s.x2)},${Math.round(s.y2)}]`;
  const isObstacle = (s: SymbolShape) => s.layer === OBSTACLE_LAYER || s.layer === MINOR_OBSTACLE_LAYER;
  const labels = shapes.filter((s) => !isObstacle(s));
  const obstacles = shapes.filter(isObstacle);
  const overlaps: string[] = [];
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++)
      if (labels[i]!.key !== labels[j]!.key && shapesOverlap(labels[i]!, labels[j]!)) overlaps.push(`${name(labels[i]!)} × ${name(labels[j]!)}`);
  const onCanvas = (s: SymbolShape) => s.x2 > 0 && s.x1 < width && s.y2 > 0 && s.y1 < height;
  const inside = (s: SymbolShape) => s.x1 >= -0.5 && s.y1 >= -0.5 && s.x2 <= width + 0.5 && s.y2 <= height + 0.5;
  const pastEdge = labels.filter((s) => onCanvas(s) && !inside(s)).map(name);
  const onLive: string[] = [];
  for (const l of labels) {
    const centre = l.layer === CENTRE_LABELS;
    for (const o of obstacles) if (!(centre && o.layer === MINOR_OBSTACLE_LAYER) && shapesOverlap(l, o)) onLive.push(`${name(l)} on obstacle ${name(o)}`);
    for (const m of markers)
      if (!(centre && m.minor) && shapesOverlap(l, { layer: m.name, key: m.name, x1: m.x - m.r, y1: m.y - m.r, x2: m.x + m.r, y2: m.y + m.r, circle: m }))
        onLive.push(`${name(l)} on ${m.name}`);
  }
  return { labels: new Set(labels.filter(onCanvas).map((s) => s.key)).size, obstacles: obstacles.length, overlaps, pastEdge, onLive };
}

/**
 * Whether the map canvas has room for one name at the body size (a town's name with its anchor
 * offset: 8 em wide, 3 high). A narrower map (a 6 m scene column's) may show no name: the
 * collision policy hides one that would cross the map's edge rather than cut it.
 */
export function mapHasRoom(p: Page): Promise<{ room: boolean; size: string }> {
  return p.evaluate(() => {
    const body = Number((document.documentElement.dataset.typeScale ?? '0/0').split('/')[0]);
    const { clientWidth: w, clientHeight: h } = window.__curWall!.map.getCanvas();
    return { room: w >= 8 * body && h >= 3 * body, size: `${w}×${h} px for ${body} px names` };
  });
}

/**
 * The height of a capital letter («НШЕ»: flat tops and a flat baseline) set in `font`, measured
 * on the pixels of a screenshot: each pixel row counts by its darkest pixel's ink coverage (black
 * on white), so an anti-aliased edge row counts by the part of it the letter covers.
 */
export async function renderedCapPx(p: Page, font: string): Promise<number> {
  await p.evaluate((f) => {
    const el = document.createElement('span');
    el.id = 'cap-probe';
    el.textContent = 'НШЕ';
    Object.assign(el.style, {
      position: 'fixed',
      left: '0',
      top: '0',
      zIndex: '2147483647',
      display: 'inline-block',
      font: f,
      lineHeight: '1.5',
      padding: '0 8px',
      background: '#fff',
      color: '#000',
    });
    document.body.append(el);
  }, font);
  const png = PNG.sync.read(await p.locator('#cap-probe').screenshot());
  await p.evaluate(() => document.getElementById('cap-probe')?.remove());
  // The probe's first row is its white line gap: anything else means something covers it.
  const at = (x: number, y: number) => png.data[4 * (y * png.width + x)]!;
  if (at(4, 0) < 250 || at(png.width - 5, png.height - 1) < 250) throw new Error('the cap-height probe is covered');
  let cap = 0;
  for (let y = 0; y < png.height; y++) {
    let darkest = 255;
    // Inside the probe's 8 px side padding: a clip rounded to whole pixels may take in a sliver of the page.
    for (let x = 4; x < png.width - 4; x++) {
      const i = 4 * (y * png.width + x);
      darkest = Math.min(darkest, 0.2126 * png.data[i]! + 0.7152 * png.data[i + 1]! + 0.0722 * png.data[i + 2]!);
    }
    cap += (255 - darkest) / 255;
  }
  return cap;
}

/**
 * Every check of a wall screen of a layout (viewing distance, pixel pitch): the page took the
 * layout's type scale; the smallest text's capitals, measured on the pixels, subtend 16′; no
 * text and no rendered basemap label is below the body size; nothing is cut short, past an
 * edge or cut mid-word; the alarm banner ends no text with «…»; no two text boxes overlap;
 * headings say what did not fit. `name` labels the log line and the failures.
 */
export async function expectLegibleScreen(p: Page, name: string, distanceM: number, pitchMm: number): Promise<void> {
  const scale = wallTypeScale(distanceM, pitchMm);
  expect(await p.getAttribute('html', 'data-type-scale'), `the ${distanceM} m scale`).toBe(`${scale.bodyPx}/${scale.kpiPx}`);
  const smallest = await smallestText(p);
  expect(smallest, `${name}: some text`).not.toBeNull();
  const capMm = (await renderedCapPx(p, smallest!.font)) * pitchMm;
  const needMm = characterHeightMm(distanceM, MIN_ARC_MINUTES);
  const labels = await mapLabelSizes(p, LABEL_LAYERS);
  console.log(
    `${name}: body ${scale.bodyPx} px; smallest text «${smallest!.text.slice(0, 40)}» ${smallest!.px} px, capitals ${capMm.toFixed(1)} mm on the panel (${distanceM} m needs ${needMm.toFixed(1)} mm); ${labels.labels} map labels, smallest ${labels.smallest} px`,
  );
  expect(capMm, `${name}: capitals of the smallest text («${smallest!.text.slice(0, 40)}», ${smallest!.px} px)`).toBeGreaterThanOrEqual(needMm);
  expect(await textsTooSmall(p), `${name}: text below the body size`).toEqual([]);
  expect(labels.below, `${name}: map labels below the body size`).toEqual([]);
  if (labels.labels > 0) {
    // The map's own labels: none on another, none cut at the canvas's edge, none on a live symbol.
    const { width, height, shapes } = await mapSymbolShapes(p);
    const faults = labelFaults(shapes, width, height);
    expect(faults.overlaps, `${name}: map labels on each other`).toEqual([]);
    expect(faults.pastEdge, `${name}: map labels cut at the map's edge`).toEqual([]);
    expect(faults.onLive, `${name}: map labels on live symbols`).toEqual([]);
  }
  expect(await textsCutShort(p), `${name}: cut short`).toEqual([]);
  expect(await textsPastEdge(p), `${name}: past the screen's or a column's edge`).toEqual([]);
  // A deliberate abbreviation after a whole word is allowed in a row (issue 18); a cut word is not,
  // and the alarm banner is never abbreviated.
  expect(await textsCutMidWord(p), `${name}: words cut with «…»`).toEqual([]);
  expect(await textsEndingWithEllipsis(p, '.alarm-banner'), `${name}: alarm texts ending with «…»`).toEqual([]);
  expect(await overlappingLabels(p), `${name}: overlapping text`).toEqual([]);
  expect(await dishonestHeadings(p), `${name}: headings over hidden rows`).toEqual([]);
}
