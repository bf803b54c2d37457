/**
 * Labels that never collide (issue 18): a greedy placement pass over point labels, highest
 * priority first. Each label tries anchors around its point (on it, above, below, right, left,
 * the four diagonals); the first whose box overlaps no placed box and stays inside the bounds
 * wins. When none is free, it tries the same directions further out and draws a leader line
 * from its point; a label with no free place at all is dropped (a lower priority loses, never
 * a higher one). Pure geometry in any units: the touch panel's SVG map uses view units.
 */

export interface Box {
  readonly l: number;
  readonly t: number;
  readonly r: number;
  readonly b: number;
}

export interface LabelInput {
  readonly id: string;
  readonly text: string;
  /** The labelled point. */
  readonly x: number;
  readonly y: number;
  /** Higher is placed first (capital and city okrugs before municipal okrugs). */
  readonly priority: number;
}

export interface PlacedLabel {
  readonly id: string;
  readonly text: string;
  /** Centre of the text (draw with `text-anchor: middle`, `dominant-baseline: middle`). */
  readonly cx: number;
  readonly cy: number;
  readonly box: Box;
  /** From the point to the label's edge, when the label sits away from its point. */
  readonly leader: { x1: number; y1: number; x2: number; y2: number } | null;
}

export interface PlacementOptions {
  /** Font size, in the units of the points. */
  readonly fontSize: number;
  /** Width of a text at `fontSize`. @default text.length × 0.56 × fontSize */
  readonly measure?: (text: string) => number;
  /** Labels stay inside. @default unbounded */
  readonly bounds?: Box;
  /** Free space kept around every label, as a share of the font size. @default 0.15 */
  readonly padding?: number;
}

export interface Placement {
  readonly placed: readonly PlacedLabel[];
  /** Ids of the labels that found no place. */
  readonly dropped: readonly string[];
}

/** Directions tried around the point, in order: on it, above, below, right, left, diagonals. */
const DIRECTIONS: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [0, -1],
  [0, 1],
  [1, 0],
  [-1, 0],
  [1, -1],
  [-1, -1],
  [1, 1],
  [-1, 1],
];

/** True when two boxes share more than a hair of area. */
export function overlaps(a: Box, b: Box): boolean {
  return Math.min(a.r, b.r) - Math.max(a.l, b.l) > 1e-6 && Math.min(a.b, b.b) - Math.max(a.t, b.t) > 1e-6;
}

const inside = (a: Box, b: Box | undefined) => !b || (a.l >= b.l && a.t >= b.t && a.r <= b.r && a.b <= b.b);

/** The point of `box` nearest to (x, y): where a leader line ends. */
function nearestOnBox(box: Box, x: number, y: number): [number, number] {
  return [Math.min(box.r, Math.max(box.l, x)), Math.min(box.b, Math.max(box.t, y))];
}

export function placeLabels(labels: readonly LabelInput[], opts: PlacementOptions): Placement {
  const { fontSize, bounds } = opts;
  const measure = opts.measure ?? ((t: string) => t.length * 0.56 * fontSize);
  const pad = (opts.padding ?? 0.15) * fontSize;
  const h = fontSize * 1.2;
  const placed: PlacedLabel[] = [];
  const dropped: string[] = [];
  const order = [...labels].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  for (const l of order) {
    const w = measure(l.text);
    let found: PlacedLabel | null = null;
    // Ring 0: next to the point; rings 1–2: further out, with a leader line.
    for (const ring of [1, 2.2, 3.4]) {
      for (const [dx, dy] of DIRECTIONS) {
        if (ring > 1 && dx === 0 && dy === 0) continue;
        const cx = l.x + dx * ring * (w / 2 + pad + fontSize * 0.3);
        const cy = l.y + dy * ring * (h / 2 + pad + fontSize * 0.2);
        const box = { l: cx - w / 2 - pad, t: cy - h / 2 - pad, r: cx + w / 2 + pad, b: cy + h / 2 + pad };
        if (!inside(box, bounds) || placed.some((p) => overlaps(p.box, box))) continue;
        const text = { l: cx - w / 2, t: cy - h / 2, r: cx + w / 2, b: cy + h / 2 };
        const [x2, y2] = nearestOnBox(text, l.x, l.y);
        found = { id: l.id, text: l.text, cx, cy, box, leader: ring > 1 ? { x1: l.x, y1: l.y, x2, y2 } : null };
        break;
      }
      if (found) break;
    }
    if (found) placed.push(found);
    else dropped.push(l.id);
  }
  return { placed, dropped };
}
