import { describe, expect, it } from 'vitest';
import { DEFAULT_WALL_LAYOUT, mapRegions, parseWallLayout, physicalOf, type WallLayout } from './wall-layout';

const FHD = { width: 1920, height: 1080 };
const P55 = { width: 1209.6, height: 680.4 };
const BEZEL = { top: 1.75, right: 1.75, bottom: 1.75, left: 1.75 };

function ok(json: unknown): WallLayout {
  const r = parseWallLayout(json);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
function error(json: unknown): string {
  const r = parseWallLayout(json);
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

/** A map screen of a 55" FHD wall at (col, row). */
const mapScreen = (id: string, col: number, row: number, extra: Record<string, unknown> = {}) => ({
  id,
  shows: { type: 'map-region', region: 'chuvashia' },
  grid: { col, row },
  resolution: FHD,
  sizeMm: P55,
  bezelMm: BEZEL,
  ...extra,
});

describe('parseWallLayout: the first-cut layouts still mean what they meant', () => {
  it('reads {id, view, bounds} screens; a wall screen shows a map of its own, the touch view the touch panel', () => {
    const l = ok({ name: 'x', screens: [{ id: 'main' }, { id: 'panel', view: 'touch' }, { id: 'b', bounds: { x: 0, y: 0, width: 1920, height: 1080 } }] });
    expect(l.viewingDistanceM).toBe(4);
    expect(l.screens.map((s) => [s.id, s.view, s.shows])).toEqual([
      ['main', 'wall', { type: 'map-region', region: 'main' }],
      ['panel', 'touch', { type: 'touch' }],
      ['b', 'wall', { type: 'map-region', region: 'b' }],
    ]);
  });

  it('the default layout is what a bare single-screen file parses to', () => {
    expect(ok({ name: 'Один экран', viewingDistanceM: 4, screens: [{ id: 'main', view: 'wall' }] })).toEqual(DEFAULT_WALL_LAYOUT);
  });
});

describe('parseWallLayout: the physical wall', () => {
  it('reads a grid wall with spans defaulted to 1, and derives view from shows', () => {
    const l = ok({
      name: 'Стена',
      screens: [
        mapScreen('a', 0, 0),
        mapScreen('b', 1, 0),
        { id: 'rating', shows: { type: 'panel', panel: 'rating' }, grid: { col: 2, row: 0 } },
        { id: 'scenes', shows: { type: 'playlist', playlist: 'default' }, grid: { col: 2, row: 1, rowSpan: 1 } },
        { id: 'touch', shows: { type: 'touch' }, viewingDistanceM: 0.6 },
      ],
    });
    expect(l.screens[0]?.grid).toEqual({ col: 0, row: 0, colSpan: 1, rowSpan: 1 });
    expect(l.screens.map((s) => s.view)).toEqual(['wall', 'wall', 'wall', 'wall', 'touch']);
    expect([...mapRegions(l)]).toEqual([['chuvashia', [0, 1]]]);
    const p = physicalOf(l.screens[0]!);
    expect(p?.pitchX).toBeCloseTo(0.63, 10);
    expect(p?.cellMm.width).toBeCloseTo(1213.1, 10);
  });

  it('a playlist screen names any playlist of the hub’s playlists document (issue 12)', () => {
    const r = parseWallLayout({ name: 'x', screens: [{ id: 'lobby', shows: { type: 'playlist', playlist: 'lobby-evening' } }] });
    expect(r.ok && r.value.screens[0]!.shows).toEqual({ type: 'playlist', playlist: 'lobby-evening' });
  });

  it('names the field and says what is wrong, in Russian and English', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ name: 'x', screens: [{ id: 'Main' }] }, /screens\.0\.id: латиница.* \/ lower-case latin/],
      [{ name: 'x', screens: [{ id: 'a', grid: { col: -1, row: 0 } }] }, /screens\.0\.grid\.col: не меньше 0 \/ must be ≥ 0/],
      [{ name: 'x', screens: [{ id: 'a', resolution: { width: 1920 } }] }, /screens\.0\.resolution\.height: обязательное поле \/ required/],
      [{ name: 'x', screens: [{ id: 'a', sizeMm: { width: '1209', height: 680 } }] }, /screens\.0\.sizeMm\.width: ожидается число \/ expected a number/],
      [{ name: 'x', screens: [{ id: 'a', bezel: 2 }] }, /screens\.0\.bezel: неизвестное поле \/ unknown field/],
      [{ name: 'x', screens: [{ id: 'a', shows: { type: 'video' } }] }, /screens\.0\.shows\.type: одно из map-region, panel, playlist, touch/],
      [{ name: 'x', screens: [{ id: 'a', shows: { type: 'playlist', playlist: 'Ночь!' } }] }, /screens\.0\.shows\.playlist: имя плейлиста: латиница/],
      [{ name: 'x', screens: [{ id: 'a', shows: { type: 'map-region' } }] }, /screens\.0\.shows\.region: обязательное поле/],
      [
        { name: 'x', screens: [{ id: 'a', view: 'touch', shows: { type: 'panel', panel: 'p' } }] },
        /screens\.0\.shows: view «touch» и shows «panel» противоречат/,
      ],
      [{ name: 'x', screens: [{ id: 'a', display: {} }] }, /screens\.0\.display: укажите point, size или id \/ give point, size or id/],
      [{ name: 'x', screens: [{ id: 'a', sound: 1 }] }, /screens\.0\.sound: ожидается true или false \/ expected a boolean/],
      [
        { name: 'x', screens: [{ id: 'a', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, display: { id: 1 } }] },
        /screens\.0\.display: либо bounds, либо display/,
      ],
      [{ name: 'x', screens: [] }, /screens: нужно не меньше 1 элементов \/ at least 1 items/],
      [{ name: 'x', viewingDistanceM: 0, screens: [{ id: 'a' }] }, /viewingDistanceM: не меньше 0\.3/],
      [
        { name: 'x', screens: [{ id: 'a', resolution: FHD, sizeMm: { width: 1209.6, height: 600 } }] },
        /screens\.0\.sizeMm: шаг пикселя по ширине 0\.6300 мм и по высоте 0\.5556 мм различаются/,
      ],
    ];
    for (const [json, re] of cases) expect(error(json), JSON.stringify(json)).toMatch(re);
  });

  it('rejects duplicate ids and two screens on one grid cell, naming both', () => {
    expect(error({ name: 'x', screens: [{ id: 'a' }, { id: 'a' }] })).toMatch(/screens\.1\.id: повторяющийся id «a» \(как у screens\.0\)/);
    const e = error({ name: 'x', screens: [mapScreen('a', 0, 0, { grid: { col: 0, row: 0, colSpan: 2 } }), mapScreen('b', 1, 0)] });
    expect(e).toMatch(/screens\.1\.grid: ячейка col 1, row 0 уже занята screens\.0 \(«a»\) \/ cell col 1, row 0 is taken by screens\.0/);
  });

  it('needs every screen to name its PC once one does', () => {
    expect(error({ name: 'x', screens: [{ id: 'a', pc: 'wall-a' }, { id: 'b' }] })).toMatch(/screens\.1\.pc: обязательное поле: screens\.0 указывает ПК/);
    expect(
      ok({
        name: 'x',
        screens: [
          { id: 'a', pc: 'wall-a' },
          { id: 'b', pc: 'wall-b' },
        ],
      }).screens.map((s) => s.pc),
    ).toEqual(['wall-a', 'wall-b']);
  });

  it('needs grid, resolution, size and bezels for every screen of a spanning map', () => {
    const e = error({
      name: 'x',
      screens: [mapScreen('a', 0, 0), { id: 'b', shows: { type: 'map-region', region: 'chuvashia' }, grid: { col: 1, row: 0 }, resolution: FHD, sizeMm: P55 }],
    });
    expect(e).toMatch(/screens\.1\.bezelMm: обязательное поле для экрана общей карты «chuvashia» \(0 для бесшовной стены\)/);
    // One screen alone needs none of it.
    expect(ok({ name: 'x', screens: [{ id: 'a', shows: { type: 'map-region', region: 'chuvashia' } }] }).screens).toHaveLength(1);
  });

  it('rejects a spanning map whose panels disagree on pixel pitch or grid cell', () => {
    const pitch = error({ name: 'x', screens: [mapScreen('a', 0, 0), mapScreen('b', 1, 0, { resolution: { width: 3840, height: 2160 } })] });
    expect(pitch).toMatch(/screens\.1\.sizeMm: шаг пикселя 0\.3150 мм не совпадает с 0\.6300 мм у screens\.0 \(«a»\)/);
    const cell = error({ name: 'x', screens: [mapScreen('a', 0, 0), mapScreen('b', 1, 0, { bezelMm: { ...BEZEL, left: 5 } })] });
    expect(cell).toMatch(/screens\.1\.bezelMm: ячейка сетки с рамкой 1216\.3×683\.9 мм не совпадает с 1213\.1×683\.9 мм/);
    // A double-size panel spanning 2×2 cells fits the same grid.
    const big = { width: 2 * 1213.1 - 3.5, height: 2 * 683.9 - 3.5 };
    const l = ok({
      name: 'x',
      screens: [
        mapScreen('a', 0, 0),
        mapScreen('big', 1, 0, {
          grid: { col: 1, row: 0, colSpan: 2, rowSpan: 2 },
          sizeMm: big,
          resolution: { width: Math.round(big.width / 0.63), height: Math.round(big.height / 0.63) },
        }),
      ],
    });
    expect(l.screens).toHaveLength(2);
  });
});
