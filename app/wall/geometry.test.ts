import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  characterHeightMm,
  minTextPx,
  projectToView,
  regionViewports,
  scaleViewport,
  screenCamera,
  screenTypeScale,
  unprojectFromView,
  wallViewports,
  type MapCamera,
  type ScreenViewport,
} from './geometry';
import { parseWallLayout, physicalOf, type WallLayout, type WallScreen } from './wall-layout';

const FHD = { width: 1920, height: 1080 };
const P55 = { width: 1209.6, height: 680.4 };

function layout(json: unknown): WallLayout {
  const r = parseWallLayout(json);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const mapScreen = (id: string, col: number, row: number, bezel = 1.75) => ({
  id,
  shows: { type: 'map-region', region: 'chuvashia' },
  grid: { col, row },
  resolution: FHD,
  sizeMm: P55,
  bezelMm: { top: bezel, right: bezel, bottom: bezel, left: bezel },
});

describe('regionViewports: hand-computed', () => {
  it('places a 2×2 map of 55″ FHD panels with 3.5 mm seams: 5.56 px of map hide behind each seam', () => {
    const l = layout({ name: 'x', screens: [mapScreen('a', 0, 0), mapScreen('b', 1, 0), mapScreen('c', 0, 1), mapScreen('d', 1, 1)] });
    // Cell: 1209.6 + 3.5 = 1213.1 mm = 1925.56 px at 0.63 mm; 680.4 + 3.5 = 683.9 mm = 1085.56 px.
    expect(regionViewports(l, 'chuvashia').map((v) => [v.screenId, v.offsetX, v.offsetY, v.width, v.height, v.canvasWidth, v.canvasHeight])).toEqual([
      ['a', 0, 0, 1920, 1080, 3846, 2166],
      ['b', 1926, 0, 1920, 1080, 3846, 2166],
      ['c', 0, 1086, 1920, 1080, 3846, 2166],
      ['d', 1926, 1086, 1920, 1080, 3846, 2166],
    ]);
  });

  it('gives a lone screen its whole picture, and nothing when its resolution is unknown', () => {
    const l = layout({ name: 'x', screens: [{ id: 'main', resolution: FHD }, { id: 'other' }] });
    expect(regionViewports(l, 'main')).toEqual([
      { screenId: 'main', region: 'main', canvasWidth: 1920, canvasHeight: 1080, offsetX: 0, offsetY: 0, width: 1920, height: 1080 },
    ]);
    expect(regionViewports(l, 'other')).toEqual([]);
    expect(regionViewports(l, 'nowhere')).toEqual([]);
    expect([...wallViewports(l).keys()]).toEqual(['main']);
  });

  it('keeps panels and playlists out of the map, and the canvas starts at the top-left picture', () => {
    const l = layout({
      name: 'x',
      screens: [{ id: 'rating', shows: { type: 'panel', panel: 'rating' }, grid: { col: 0, row: 0 } }, mapScreen('b', 1, 0), mapScreen('c', 2, 0)],
    });
    expect(regionViewports(l, 'chuvashia').map((v) => [v.screenId, v.offsetX, v.canvasWidth])).toEqual([
      ['b', 0, 3846],
      ['c', 1926, 3846],
    ]);
  });

  it('scales a viewport to a window of another size (a 4K panel at 200 %)', () => {
    expect(scaleViewport({ canvasWidth: 7686, canvasHeight: 2160, offsetX: 3846, offsetY: 0, width: 3840, height: 2160 }, 0.5)).toEqual({
      canvasWidth: 3843,
      canvasHeight: 1080,
      offsetX: 1923,
      offsetY: 0,
      width: 1920,
      height: 1080,
    });
    expect(() => scaleViewport({ canvasWidth: 1, canvasHeight: 1, offsetX: 0, offsetY: 0, width: 1, height: 1 }, 0)).toThrow();
  });
});

// ---------------------------------------------------------------------------------------------
// Generated walls.

interface GenScreen {
  col: number;
  row: number;
  colSpan: number;
  rowSpan: number;
  bezelPx: [top: number, right: number, bottom: number, left: number];
  region: string;
}

/**
 * A grid tiled with 1×1 and 2×2/2×1/1×2 screens, in reading order; `spans` and `bezels`
 * drive the choices. `regionOf` picks the map region (or a panel) of each screen.
 */
function tile(cols: number, rows: number, spans: number[], bezels: number[], regions: number[]): GenScreen[] {
  const taken = new Set<string>();
  const out: GenScreen[] = [];
  let k = 0;
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      if (taken.has(`${col},${row}`)) continue;
      const choice = spans[k % spans.length] ?? 0;
      let colSpan = choice & 1 && col + 1 < cols ? 2 : 1;
      let rowSpan = choice & 2 && row + 1 < rows ? 2 : 1;
      const free = (c: number, r: number): boolean => !taken.has(`${c},${r}`);
      if (colSpan === 2 && !free(col + 1, row)) colSpan = 1;
      if (rowSpan === 2 && (!free(col, row + 1) || (colSpan === 2 && !free(col + 1, row + 1)))) rowSpan = 1;
      for (let r = row; r < row + rowSpan; r++) for (let c = col; c < col + colSpan; c++) taken.add(`${c},${r}`);
      const b = (i: number): number => bezels[(4 * k + i) % bezels.length] ?? 0;
      const region = ['a', 'a', 'a', 'b', 'panel'][(regions[k % regions.length] ?? 0) % 5]!;
      out.push({ col, row, colSpan, rowSpan, bezelPx: [b(0), b(1), b(2), b(3)], region });
      k++;
    }
  }
  return out;
}

/**
 * A layout with exact integer pixel geometry: every cell is `cellW×cellH` px at `pitch`
 * mm/px, frame included; each screen's picture is its cells minus its bezels (so a spanning
 * panel is a bigger panel of the same pitch, as on a real wall).
 */
function exactLayout(screens: GenScreen[], cellW: number, cellH: number, pitch: number): WallLayout {
  return layout({
    name: 'generated',
    screens: screens.map((s, i) => {
      const [t, r, b, l] = s.bezelPx;
      const res = { width: s.colSpan * cellW - l - r, height: s.rowSpan * cellH - t - b };
      const base = { id: `s${i}`, grid: { col: s.col, row: s.row, colSpan: s.colSpan, rowSpan: s.rowSpan } };
      if (s.region === 'panel') return { ...base, shows: { type: 'panel', panel: 'rating' } };
      return {
        ...base,
        shows: { type: 'map-region', region: s.region },
        resolution: res,
        sizeMm: { width: res.width * pitch, height: res.height * pitch },
        bezelMm: { top: t * pitch, right: r * pitch, bottom: b * pitch, left: l * pitch },
      };
    }),
  });
}

const exactWall = fc
  .record({
    cols: fc.integer({ min: 1, max: 6 }),
    rows: fc.integer({ min: 1, max: 4 }),
    spans: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 24 }),
    bezels: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 40 }),
    regions: fc.array(fc.nat(), { minLength: 1, maxLength: 24 }),
    cellW: fc.integer({ min: 400, max: 4000 }),
    cellH: fc.integer({ min: 300, max: 2400 }),
    pitch: fc.double({ min: 0.1, max: 2, noNaN: true }),
  })
  .map((g) => exactLayout(tile(g.cols, g.rows, g.spans, g.bezels, g.regions), g.cellW, g.cellH, g.pitch));

/** Identical panels of a real kind (any pitch, any frame in mm): positions are fractional pixels. */
const realWall = fc
  .record({
    cols: fc.integer({ min: 1, max: 8 }),
    rows: fc.integer({ min: 1, max: 4 }),
    res: fc.constantFrom(FHD, { width: 3840, height: 2160 }, { width: 1366, height: 768 }, { width: 1280, height: 1024 }),
    pitch: fc.double({ min: 0.2, max: 2, noNaN: true }),
    bezel: fc.record({
      top: fc.double({ min: 0, max: 15, noNaN: true }),
      right: fc.double({ min: 0, max: 15, noNaN: true }),
      bottom: fc.double({ min: 0, max: 15, noNaN: true }),
      left: fc.double({ min: 0, max: 15, noNaN: true }),
    }),
  })
  .map((g) => {
    const screens = [];
    for (let row = 0; row < g.rows; row++) {
      for (let col = 0; col < g.cols; col++) {
        screens.push({
          id: `r${row}c${col}`,
          shows: { type: 'map-region', region: 'a' },
          grid: { col, row },
          resolution: g.res,
          sizeMm: { width: g.res.width * g.pitch, height: g.res.height * g.pitch },
          bezelMm: g.bezel,
        });
      }
    }
    return layout({ name: 'real', screens });
  });

function regionsOf(l: WallLayout): Map<string, Array<{ s: WallScreen; v: ScreenViewport }>> {
  const out = new Map<string, Array<{ s: WallScreen; v: ScreenViewport }>>();
  const byId = new Map(l.screens.map((s) => [s.id, s]));
  for (const v of wallViewports(l).values()) {
    const list = out.get(v.region) ?? [];
    list.push({ s: byId.get(v.screenId)!, v });
    out.set(v.region, list);
  }
  return out;
}

const overlap = (a: ScreenViewport, b: ScreenViewport): boolean =>
  a.offsetX < b.offsetX + b.width && b.offsetX < a.offsetX + a.width && a.offsetY < b.offsetY + b.height && b.offsetY < a.offsetY + a.height;

/** Pairs (left, right) sharing a vertical grid edge, and (top, bottom) sharing a horizontal one. */
function neighbours(list: Array<{ s: WallScreen; v: ScreenViewport }>) {
  const across: Array<[(typeof list)[number], (typeof list)[number]]> = [];
  const down: Array<[(typeof list)[number], (typeof list)[number]]> = [];
  for (const a of list) {
    for (const b of list) {
      const ga = a.s.grid!;
      const gb = b.s.grid!;
      const rowsMeet = ga.row < gb.row + gb.rowSpan && gb.row < ga.row + ga.rowSpan;
      const colsMeet = ga.col < gb.col + gb.colSpan && gb.col < ga.col + ga.colSpan;
      if (gb.col === ga.col + ga.colSpan && rowsMeet) across.push([a, b]);
      if (gb.row === ga.row + ga.rowSpan && colsMeet) down.push([a, b]);
    }
  }
  return { across, down };
}

describe('regionViewports: properties', () => {
  it('screens of one map never overlap, and the canvas holds them all, edge to edge', () => {
    fc.assert(
      fc.property(fc.oneof(exactWall, realWall), (l) => {
        for (const list of regionsOf(l).values()) {
          for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) expect(overlap(list[i]!.v, list[j]!.v)).toBe(false);
          for (const { v } of list) {
            expect(v.offsetX).toBeGreaterThanOrEqual(0);
            expect(v.offsetY).toBeGreaterThanOrEqual(0);
            expect(v.offsetX + v.width).toBeLessThanOrEqual(v.canvasWidth);
            expect(v.offsetY + v.height).toBeLessThanOrEqual(v.canvasHeight);
          }
          expect(Math.min(...list.map(({ v }) => v.offsetX))).toBe(0);
          expect(Math.min(...list.map(({ v }) => v.offsetY))).toBe(0);
          expect(Math.max(...list.map(({ v }) => v.offsetX + v.width))).toBe(list[0]!.v.canvasWidth);
          expect(Math.max(...list.map(({ v }) => v.offsetY + v.height))).toBe(list[0]!.v.canvasHeight);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every shared edge is continuous: neighbours abut across exactly the bezel gap (exact-pixel walls)', () => {
    fc.assert(
      fc.property(exactWall, (l) => {
        for (const list of regionsOf(l).values()) {
          const { across, down } = neighbours(list);
          for (const [a, b] of across) {
            // right bezel of a + left bezel of b, in pixels, exactly.
            const gap = Math.round((a.s.bezelMm!.right + b.s.bezelMm!.left) / physicalOf(a.s)!.pitchX);
            expect(b.v.offsetX - (a.v.offsetX + a.v.width)).toBe(gap);
          }
          for (const [a, b] of down) {
            const gap = Math.round((a.s.bezelMm!.bottom + b.s.bezelMm!.top) / physicalOf(a.s)!.pitchY);
            expect(b.v.offsetY - (a.v.offsetY + a.v.height)).toBe(gap);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every screen sits within half a pixel of its physical place, so a straight line stays straight across the seams', () => {
    fc.assert(
      fc.property(fc.oneof(exactWall, realWall), (l) => {
        for (const list of regionsOf(l).values()) {
          const phys = list.map(({ s, v }) => {
            const p = physicalOf(s)!;
            return { v, x: (p.grid.col * p.cellMm.width + p.bezelMm.left) / p.pitchX, y: (p.grid.row * p.cellMm.height + p.bezelMm.top) / p.pitchY };
          });
          const minX = Math.min(...phys.map((p) => p.x));
          const minY = Math.min(...phys.map((p) => p.y));
          for (const p of phys) {
            expect(Math.abs(p.v.offsetX - (p.x - minX))).toBeLessThanOrEqual(0.5 + 1e-6);
            expect(Math.abs(p.v.offsetY - (p.y - minY))).toBeLessThanOrEqual(0.5 + 1e-6);
          }
          // Real panels: the seam in whole pixels is the physical gap rounded either way.
          const { across, down } = neighbours(list);
          for (const [a, b] of across) {
            const exact = (a.s.bezelMm!.right + b.s.bezelMm!.left) / physicalOf(a.s)!.pitchX;
            expect(Math.abs(b.v.offsetX - (a.v.offsetX + a.v.width) - exact)).toBeLessThan(1);
          }
          for (const [a, b] of down) {
            const exact = (a.s.bezelMm!.bottom + b.s.bezelMm!.top) / physicalOf(a.s)!.pitchY;
            expect(Math.abs(b.v.offsetY - (a.v.offsetY + a.v.height) - exact)).toBeLessThan(1);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('screens in one row of one map share their top edge when their top bezels agree', () => {
    fc.assert(
      fc.property(realWall, (l) => {
        const list = [...regionsOf(l).values()][0]!;
        for (const a of list) for (const b of list) if (a.s.grid!.row === b.s.grid!.row) expect(a.v.offsetY).toBe(b.v.offsetY);
      }),
    );
  });
});

describe('camera', () => {
  const camera = fc.record({
    lng: fc.double({ min: -179, max: 179, noNaN: true }),
    lat: fc.double({ min: -80, max: 80, noNaN: true }),
    zoom: fc.double({ min: 0, max: 20, noNaN: true }),
    bearing: fc.double({ min: -360, max: 360, noNaN: true }),
  });

  it('projects the camera centre to the middle of the view, and unprojects back', () => {
    const size = { width: 3846, height: 2166 };
    const cam: MapCamera = { lng: 47.25, lat: 56.13, zoom: 8 };
    expect(projectToView(cam, size, 47.25, 56.13)).toEqual({ x: 1923, y: 1083 });
    const east = projectToView(cam, size, 47.5, 56.13);
    expect(east.x).toBeGreaterThan(1923);
    expect(east.y).toBeCloseTo(1083, 9);
    // Bearing 90: the top of the view faces east, so a point east of the centre is above it.
    const up = projectToView({ ...cam, bearing: 90 }, size, 47.5, 56.13);
    expect(up.x).toBeCloseTo(1923, 6);
    expect(up.y).toBeLessThan(1083);
    const back = unprojectFromView(cam, size, east);
    expect(back.lng).toBeCloseTo(47.5, 9);
    expect(back.lat).toBeCloseTo(56.13, 9);
  });

  it('any camera maps to consistent viewports: each screen drawn with its own camera shows exactly its part of the canvas', () => {
    fc.assert(
      fc.property(exactWall, camera, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (l, cam, fx, fy) => {
        for (const list of regionsOf(l).values()) {
          const canvas = { width: list[0]!.v.canvasWidth, height: list[0]!.v.canvasHeight };
          for (const { v } of list) {
            const own = screenCamera(cam, v);
            expect(own.zoom).toBe(cam.zoom);
            // A screen looking past the pole of the Mercator world (zoomed far out on a tall wall) has no camera of its own.
            if (Math.abs(own.lat) > 85) continue;
            // A canvas point inside this screen…
            const p = { x: v.offsetX + fx * v.width, y: v.offsetY + fy * v.height };
            const ll = unprojectFromView(cam, canvas, p);
            // Beyond the Mercator world (|lat| > 85.05°) there is no map to draw.
            if (Math.abs(ll.lat) > 85) continue;
            // …lands at the same place of the screen when the screen is drawn on its own.
            const local = projectToView(own, { width: v.width, height: v.height }, ll.lng, ll.lat);
            expect(Math.abs(local.x - (p.x - v.offsetX))).toBeLessThan(1e-3);
            expect(Math.abs(local.y - (p.y - v.offsetY))).toBeLessThan(1e-3);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('type scale (ISO 11064: characters of at least 16′ of arc, 20′ preferred)', () => {
  it('computes the character height from the visual angle: h = 2·d·tan(θ/2)', () => {
    // 16′ = 0.26667° → at 4 m: 2 · 4000 mm · tan(0.13333°) = 18.617 mm.
    expect(characterHeightMm(4, 16)).toBeCloseTo(18.617, 3);
    expect(characterHeightMm(4, 20)).toBeCloseTo(23.271, 3);
  });

  it('minTextPx: whole pixels at the panel pitch, rounded up', () => {
    // 55″ FHD (0.63 mm) at 4 m: 18.617 / 0.63 = 29.55 → 30 px; 20′: 23.271 / 0.63 = 36.94 → 37 px.
    expect(minTextPx(4, 0.63)).toBe(30);
    expect(minTextPx(4, 0.63, 20)).toBe(37);
    // 55″ 4K (0.315 mm) at 2.5 m, 20′: 14.544 / 0.315 = 46.17 → 47 px.
    expect(minTextPx(2.5, 0.315, 20)).toBe(47);
    // An LED wall of 1.2 mm pitch at 10 m, 16′: 46.542 / 1.2 = 38.79 → 39 px.
    expect(minTextPx(10, 1.2, 16)).toBe(39);
    // Exactly a whole number of pixels stays that number (no float creep upwards).
    expect(minTextPx(4, characterHeightMm(4, 16) / 30)).toBe(30);
    expect(() => minTextPx(0, 0.63)).toThrow(/positive/);
  });

  it('gives each screen its scale from its own viewing distance', () => {
    const l = layout({
      name: 'x',
      viewingDistanceM: 5,
      screens: [
        mapScreen('wall', 0, 0),
        { id: 'touch', shows: { type: 'touch' }, resolution: FHD, sizeMm: { width: 527.04, height: 296.46 }, viewingDistanceM: 0.6 },
        { id: 'bare' },
      ],
    });
    // 5 m at 0.63 mm: 23.271 / 0.63 = 36.94 → 37 (16′); 29.089 / 0.63 = 46.17 → 47 (20′).
    expect(screenTypeScale(l, l.screens[0]!)).toMatchObject({ viewingDistanceM: 5, minPx: 37, preferredPx: 47 });
    // 0.6 m at 0.2745 mm: 2.7925 / 0.2745 = 10.17 → 11.
    expect(screenTypeScale(l, l.screens[1]!)).toMatchObject({ viewingDistanceM: 0.6, minPx: 11 });
    expect(screenTypeScale(l, l.screens[2]!)).toBeUndefined();
  });
});
