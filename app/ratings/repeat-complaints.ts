/**
 * Repeat complaints: the quality criterion of the ratings ("no repeat complaints on the same
 * problem", DOMAIN.md). The rule, kept simple so a rank can be argued with:
 *
 * Appeal B repeats an answered appeal A when
 * 1. both have the same problem key: municipality + sector + topic (see `problemKey`);
 * 2. B came after A's answer and within `windowDays` of it: A.answeredAt < B.createdAt ≤
 *    A.answeredAt + window (and B exists by `now`);
 * 3. B is within `radiusKm` of A (coarsened points: the same block, not the whole city).
 *
 * A is then "bounced": its answer did not solve the problem. The bounce is charged to A's
 * body, whoever handles B. A complaint sent while A is still open is a duplicate, not a repeat.
 */
import type { Appeal } from '../domain/entity';
import { DAY_MS } from '../calendar/msk-time';
import { EARTH_RADIUS_KM, haversineKm } from '../accidents/geo-distance';

/** Parameters of the repeat rule. */
export interface RepeatRule {
  readonly windowDays: number;
  readonly radiusKm: number;
}

const words = (s: string) =>
  s
    .toLowerCase()
    .replaceAll('ё', 'е')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * The problem an appeal is about: `municipality|sector|topic`. The topic is the feed's
 * `topic` (ПОС topic, ИМ rubric) compared case- and spacing-insensitively. Without a topic,
 * the title stands in, reduced to the sorted 5-letter stems of its words of 4+ letters, so
 * «Нет отопления!» and «отопления нет» match but different wordings do not: title matching
 * is deliberately strict, as a false repeat would unfairly cost a body its rank.
 */
export function problemKey(a: Appeal): string {
  return `${a.municipality}|${a.sector}|${hasTopic(a) ? topicPart(a.topic) : titlePart(a.title)}`;
}

const hasTopic = (a: Appeal): a is Appeal & { topic: string } => a.topic !== undefined && a.topic.trim() !== '';
const topicPart = (topic: string) => `t:${words(topic).join(' ')}`;
const titlePart = (title: string) => `s:${[...new Set(words(title).filter((w) => w.length >= 4).map((w) => w.slice(0, 5)))].sort().join(' ')}`;

/**
 * The appeals grouped by `problemKey`: each group the input positions of its appeals, groups in
 * order of first appearance. The feed's topics (and demo titles) repeat a lot and the word
 * split is the costly part, so each distinct topic or title is normalised once; and the key
 * is never built as a string, but looked up part by part (municipality, sector, topic). That
 * is the same grouping as by the string because the topic part never holds a `|`, nor does a
 * municipality (an OKTMO code); a feed where one does is grouped by the string itself.
 */
function problemGroups(appeals: readonly Appeal[]): number[][] {
  const groups: number[][] = [];
  const add = (index: Map<unknown, number>, key: unknown, i: number) => {
    const g = index.get(key);
    if (g !== undefined) groups[g]!.push(i);
    else {
      index.set(key, groups.length);
      groups.push([i]);
    }
  };
  if (appeals.some((a) => a.municipality.includes('|'))) {
    const byKey = new Map<unknown, number>();
    appeals.forEach((a, i) => add(byKey, problemKey(a), i));
    return groups;
  }
  const parts = new Map<string, number>();
  const partOf = (memo: Map<string, number>, text: string, normalise: (s: string) => string) => {
    let id = memo.get(text);
    if (id === undefined) {
      const part = normalise(text);
      id = parts.get(part);
      if (id === undefined) parts.set(part, (id = parts.size));
      memo.set(text, id);
    }
    return id;
  };
  const topics = new Map<string, number>();
  const titles = new Map<string, number>();
  const index = new Map<string, Map<string, Map<unknown, number>>>();
  appeals.forEach((a, i) => {
    const part = hasTopic(a) ? partOf(topics, a.topic, topicPart) : partOf(titles, a.title, titlePart);
    let bySector = index.get(a.municipality);
    if (!bySector) index.set(a.municipality, (bySector = new Map()));
    let byPart = bySector.get(a.sector);
    if (!byPart) bySector.set(a.sector, (byPart = new Map()));
    add(byPart, part, i);
  });
  return groups;
}

/**
 * Every group's input positions in creation order, ties in input order (what a stable sort of
 * the group by `createdAt` gives), concatenated group after group. Feed times are integers:
 * all appeals are then sorted at once as packed numbers (time, position) by the engine's
 * numeric sort and dealt out to their groups; other finite times by a plain comparison. A time
 * that is not a number leaves each group to the same sort as ever, whatever order it gives.
 */
function creationOrder(appeals: readonly Appeal[], times: Float64Array, groups: readonly number[][]): Int32Array {
  const n = appeals.length;
  const order = new Int32Array(n);
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  let finite = true;
  for (let i = 0; i < n; i++) {
    const t = times[i]!;
    if (!Number.isSafeInteger(t)) integers = false;
    if (!Number.isFinite(t)) finite = false;
    min = Math.min(min, t);
    max = Math.max(max, t);
  }
  let at = 0;
  if (!finite) {
    for (const g of groups) {
      const objects = g.map((i) => appeals[i]!);
      const positions = new Map<Appeal, number[]>();
      objects.forEach((a, k) => positions.set(a, [...(positions.get(a) ?? []), g[k]!]));
      for (const a of [...objects].sort((x, y) => x.createdAt - y.createdAt)) order[at++] = positions.get(a)!.shift()!;
    }
    return order;
  }
  let sorted: ArrayLike<number>;
  if (integers && (max - min + 1) * n <= Number.MAX_SAFE_INTEGER) {
    // (time − min) · n + position: exact integers whose order is (time, position).
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (times[i]! - min) * n + i;
    keys.sort();
    for (let k = 0; k < n; k++) keys[k] = keys[k]! % n;
    sorted = keys;
  } else {
    sorted = Array.from({ length: n }, (_, i) => i).sort((x, y) => times[x]! - times[y]! || x - y);
  }
  const groupOf = new Int32Array(n);
  const next = new Int32Array(groups.length);
  groups.forEach((g, id) => {
    for (const i of g) groupOf[i] = id;
    next[id] = at;
    at += g.length;
  });
  for (let k = 0; k < n; k++) {
    const i = sorted[k]!;
    order[next[groupOf[i]!]!++] = i;
  }
  return order;
}

/** Index of the first rank in `list` (ranks in creation order) created strictly after `time`. */
function firstAfter(list: readonly number[], times: Float64Array, time: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[list[mid]!]! <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A grid over the appeals' points, used only to skip pairs that cannot be within the radius:
 * the distance test itself is still `haversineKm`, so the result is exactly the plain
 * search's. Cells are a little larger than the radius in latitude and in longitude (at the
 * highest latitude of the points), so a point within the radius of another is always in one of
 * the 3 × 3 cells around it:
 * - latitude: the great-circle distance is at least R·|Δφ|;
 * - longitude: haversine h ≥ cos φ₁ cos φ₂ sin²(Δλ/2), so the distance is at least
 *   2R·cos φmax·sin(|Δλ|/2) while |Δλ| ≤ 180°.
 * Returns null where the bound does not hold or helps nothing (a radius that is zero, huge or
 * not a number, points near the poles or half the globe apart, coordinates that are not
 * numbers): the search then treats the whole group as one cell.
 */
function gridOf(lons: Float64Array, lats: Float64Array, radiusKm: number): { cellOf: Int32Array | Float64Array; width: number } | null {
  // 1e-4 above the radius: far more than the rounding of the haversine (~1e-12 relative).
  const reach = radiusKm * (1 + 1e-4);
  if (!(reach > 1e-6) || !Number.isFinite(reach)) return null;
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (let i = 0; i < lons.length; i++) {
    minLon = Math.min(minLon, lons[i]!);
    maxLon = Math.max(maxLon, lons[i]!);
    minLat = Math.min(minLat, lats[i]!);
    maxLat = Math.max(maxLat, lats[i]!);
  }
  if (!(minLat >= -89 && maxLat <= 89 && maxLon - minLon <= 179)) return null; // also false on NaN
  const rad = Math.PI / 180;
  const cellLat = reach / (EARTH_RADIUS_KM * rad);
  const cosMin = Math.min(Math.cos(minLat * rad), Math.cos(maxLat * rad)) * (1 - 1e-9);
  const sinHalf = reach / (2 * EARTH_RADIUS_KM * cosMin);
  if (!(sinHalf < 0.5)) return null; // cells of 60° or more: nothing to skip
  const cellLon = (2 * Math.asin(sinHalf)) / rad;
  const x0 = Math.floor(minLon / cellLon) - 1;
  const y0 = Math.floor(minLat / cellLat) - 1;
  const width = Math.floor(maxLon / cellLon) - x0 + 2;
  const height = Math.floor(maxLat / cellLat) - y0 + 2;
  if (!(width * height < 2 ** 50)) return null;
  // Small integers where they fit: the cells are looked up in maps, and those hash them faster.
  const cellOf = width * height < 2 ** 30 ? new Int32Array(lons.length) : new Float64Array(lons.length);
  for (let i = 0; i < lons.length; i++) cellOf[i] = (Math.floor(lats[i]! / cellLat) - y0) * width + (Math.floor(lons[i]! / cellLon) - x0);
  return { cellOf, width };
}

/** One cell of a problem group: its appeals (ranks, in creation order) and its distinct points. */
interface Cell {
  readonly ranks: number[];
  readonly points: number[];
}

/** Distinct points looked for in a cell before a point is taken as new (only a memo: any count is right). */
const POINTS_PER_CELL = 8;

/**
 * Where the repeats are: answered appeals with repeats and their repeaters, as positions in the
 * input. `findRepeats` names them by id; a rating counts them and names only the few it shows.
 */
export interface RepeatSearch {
  /** Positions of the answered appeals that have repeats, in the plain search's order. */
  readonly bounced: readonly number[];
  /** Where each one's repeaters are in `by`: `by[start[k]] … by[start[k + 1] − 1]`. */
  readonly start: readonly number[];
  /** Positions of the repeaters, oldest first within each answered appeal. */
  readonly by: Int32Array;
}

/**
 * The search behind `findRepeats`. Its result is exactly the plain search's: group the appeals
 * by problem, sort each group by creation, and for every answered appeal test each item of the
 * group created in its window against the radius. The same is reached with less work:
 * - the appeals' fields are read once, into columns, in creation order within each group;
 * - an answered appeal's candidates are read from the 3 × 3 grid cells around it (see
 *   `gridOf`): the work follows the pairs near in time *and* place, not every pair of a window;
 * - the hub coarsens points to a ≈ 500 m grid, so many appeals share a point: the distance
 *   between two points is measured once per group (or, in a group of scattered points, once
 *   per answered appeal), not once per pair of appeals. Appeals at one point have the very
 *   same coordinates (up to the sign of a zero, which no distance sees), so each measure is
 *   the one the plain search makes.
 */
export function searchRepeats(appeals: readonly Appeal[], rule: RepeatRule, now: number): RepeatSearch {
  const n = appeals.length;
  const created = new Float64Array(n);
  for (let i = 0; i < n; i++) created[i] = appeals[i]!.createdAt;
  const groups = problemGroups(appeals);
  const order = creationOrder(appeals, created, groups);
  // Columns by rank (position in `order`): each group is a run of ranks in creation order.
  const times = new Float64Array(n);
  const answers = new Float64Array(n);
  const lons = new Float64Array(n);
  const lats = new Float64Array(n);
  const ids: string[] = [];
  for (let r = 0; r < n; r++) {
    const a = appeals[order[r]!]!;
    times[r] = created[order[r]!]!;
    // NaN stands for no answer; an answer time that is not a number finds nothing either way.
    answers[r] = a.answeredAt === undefined ? NaN : a.answeredAt;
    lons[r] = a.lon;
    lats[r] = a.lat;
    ids.push(a.id);
  }
  const finite = times.every(Number.isFinite);
  // Only with finite times is a cell's list sorted like its group, and its window the group's
  // window cut to the cell; otherwise each group is one cell.
  const grid = finite ? gridOf(lons, lats, rule.radiusKm) : null;
  const width = grid ? grid.width : 0;
  const reach = grid ? 1 : 0;
  const windowMs = rule.windowDays * DAY_MS;
  const bounced: number[] = [];
  const start: number[] = [0];
  let by = new Int32Array(1024);
  let used = 0;
  const pointOf = new Int32Array(n);
  const pointLon = new Float64Array(n);
  const pointLat = new Float64Array(n);
  let points = 0;
  // For the answered appeal numbered `seenBy[point]`: whether the point is within the radius
  // (where a group has too many points for a table of pairs, see below).
  const seenBy = new Int32Array(n).fill(-1);
  const near = new Uint8Array(n);
  let answeredNo = 0;
  const found = new Int32Array(n);
  let first = 0;
  for (const group of groups) {
    const end = first + group.length;
    const firstPoint = points;
    const cells = new Map<number, Cell>();
    for (let r = first; r < end; r++) {
      const key = grid ? grid.cellOf[r]! : 0;
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = { ranks: [], points: [] }));
      cell.ranks.push(r);
      let point = -1;
      for (const q of cell.points) {
        if (pointLon[q] === lons[r] && pointLat[q] === lats[r]) {
          point = q;
          break;
        }
      }
      if (point < 0) {
        point = points++;
        pointLon[point] = lons[r]!;
        pointLat[point] = lats[r]!;
        if (cell.points.length < POINTS_PER_CELL) cell.points.push(point);
      }
      pointOf[r] = point;
    }
    // Whether two of the group's points are within the radius (0: not measured yet, 1: yes,
    // 2: no), each pair measured once for the whole group: with coarsened points a group has
    // far fewer points than appeals. Only where it does, and the table stays small (≤ 4 MB).
    const m = points - firstPoint;
    const pairs = m <= 2048 && 2 * m <= group.length ? new Uint8Array(m * m) : null;
    for (let p = first; p < end; p++) {
      const answeredAt = answers[p]!;
      if (Number.isNaN(answeredAt)) continue;
      const until = Math.min(now, answeredAt + windowMs);
      const me = answeredNo++;
      const lon = lons[p]!;
      const lat = lats[p]!;
      const id = ids[p]!;
      const centre = grid ? grid.cellOf[p]! : 0;
      const row = (pointOf[p]! - firstPoint) * m - firstPoint;
      let count = 0;
      let lists = 0;
      for (let dy = -reach; dy <= reach; dy++) {
        for (let dx = -reach; dx <= reach; dx++) {
          const cell = cells.get(centre + dy * width + dx);
          if (!cell) continue;
          const list = cell.ranks;
          const before = count;
          // In creation order: start at the first item after the answer, stop past the window.
          for (let k = firstAfter(list, times, answeredAt); k < list.length; k++) {
            const r = list[k]!;
            if (!(times[r]! <= until)) break;
            const point = pointOf[r]!;
            let isNear: boolean;
            if (pairs) {
              let v = pairs[row + point]!;
              if (v === 0) pairs[row + point] = v = haversineKm(lon, lat, lons[r]!, lats[r]!) <= rule.radiusKm ? 1 : 2;
              isNear = v === 1;
            } else {
              if (seenBy[point] !== me) {
                seenBy[point] = me;
                near[point] = haversineKm(lon, lat, lons[r]!, lats[r]!) <= rule.radiusKm ? 1 : 0;
              }
              isNear = near[point] === 1;
            }
            if (isNear && ids[r] !== id) found[count++] = r;
          }
          if (count > before) lists++;
        }
      }
      if (count === 0) continue;
      // Ranks from several cells: back to creation order.
      if (lists > 1) sortPrefix(found, count);
      bounced.push(order[p]!);
      if (used + count > by.length) {
        const grown = new Int32Array(Math.max(2 * by.length, used + count));
        grown.set(by);
        by = grown;
      }
      for (let k = 0; k < count; k++) by[used++] = order[found[k]!]!;
      start.push(used);
    }
    first = end;
  }
  return { bounced, start, by: by.subarray(0, used) };
}

/** Sorts `xs[0 … count)` ascending: by insertion when short (the usual case), else natively. */
function sortPrefix(xs: Int32Array, count: number): void {
  if (count > 32) {
    xs.subarray(0, count).sort();
    return;
  }
  for (let k = 1; k < count; k++) {
    const x = xs[k]!;
    let j = k - 1;
    while (j >= 0 && xs[j]! > x) {
      xs[j + 1] = xs[j]!;
      j--;
    }
    xs[j + 1] = x;
  }
}

/**
 * For every answered appeal with repeats, the ids of the appeals that repeat it (oldest first).
 * Appeals not in the map were not bounced. See `searchRepeats` for how they are found.
 */
export function findRepeats(appeals: readonly Appeal[], rule: RepeatRule, now: number): Map<string, string[]> {
  const { bounced, start, by } = searchRepeats(appeals, rule, now);
  const out = new Map<string, string[]>();
  bounced.forEach((i, k) => out.set(appeals[i]!.id, Array.from(by.subarray(start[k], start[k + 1]), (j) => appeals[j]!.id)));
  return out;
}

/**
 * The repeats of a rating's appeals by id, as `findRepeats` would map them (for an id given
 * twice, the last answered appeal with repeats), counted at once and named only on demand: a
 * rating shows the repeaters of a handful of items, and needs only the count of the rest.
 */
export class RepeatIndex {
  private readonly byId = new Map<string, number>();

  constructor(
    private readonly appeals: readonly Appeal[],
    private readonly search: RepeatSearch,
  ) {
    search.bounced.forEach((i, k) => this.byId.set(appeals[i]!.id, k));
  }

  /** The repeats of the appeals, indexed. */
  static of(appeals: readonly Appeal[], rule: RepeatRule, now: number): RepeatIndex {
    return new RepeatIndex(appeals, searchRepeats(appeals, rule, now));
  }

  /** How many appeals repeat the answered appeal `id`; 0 when it was not bounced. */
  count(id: string): number {
    const k = this.byId.get(id);
    return k === undefined ? 0 : this.search.start[k + 1]! - this.search.start[k]!;
  }

  /** The ids of the appeals that repeat `id`, oldest first; empty when it was not bounced. */
  ids(id: string): string[] {
    const k = this.byId.get(id);
    if (k === undefined) return [];
    return Array.from(this.search.by.subarray(this.search.start[k], this.search.start[k + 1]), (j) => this.appeals[j]!.id);
  }
}
