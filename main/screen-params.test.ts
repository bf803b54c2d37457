import { describe, expect, it } from 'vitest';
import { DEFAULT_WALL_LAYOUT, parseWallLayout, type WallLayout } from '../app/wall/wall-layout';
import { sameParams, screenParams, screenParamsQuery } from './screen-params';

function layout(json: unknown): WallLayout {
  const r = parseWallLayout(json);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const FHD = { width: 1920, height: 1080 };
const PANEL = { resolution: FHD, sizeMm: { width: 1209.6, height: 680.4 } };
const map = (id: string, col: number) => ({
  id,
  shows: { type: 'map-region', region: 'chuvashia' },
  grid: { col, row: 0 },
  ...PANEL,
  bezelMm: { top: 0, right: 0, bottom: 0, left: 0 },
});

const WALL = layout({
  name: 'Стена',
  viewingDistanceM: 5,
  screens: [
    map('m1', 0),
    map('m2', 1),
    { id: 'scenes', shows: { type: 'playlist', playlist: 'test' }, sound: true, ...PANEL },
    { id: 'rating', shows: { type: 'panel', panel: 'rating' }, ...PANEL, viewingDistanceM: 3 },
    { id: 'alone', shows: { type: 'map-region', region: 'city' } },
    { id: 'touch', shows: { type: 'touch' }, resolution: FHD, sizeMm: { width: 527.04, height: 296.46 } },
  ],
});
const params = (id: string, windowHeight?: number) =>
  screenParams(
    WALL,
    WALL.screens.find((s) => s.id === id)!,
    windowHeight,
  );

describe('screenParams', () => {
  it('a screen of a spanning map is a map screen with the layout’s distance and the panel’s pitch', () => {
    expect(params('m1')).toEqual({ shows: 'map', dist: 5, pitch: 0.63 });
  });

  it('a playlist screen is the scene wall with that playlist, and sound when the layout gives it', () => {
    expect(params('scenes')).toEqual({ shows: 'scenes', playlist: 'test', sound: true, dist: 5, pitch: 0.63 });
  });

  it('a panel screen is the scene wall; a screen’s own viewing distance wins over the layout’s', () => {
    expect(params('rating')).toEqual({ shows: 'scenes', dist: 3, pitch: 0.63 });
  });

  it('a one-screen map region of another name is a map screen; without panel size no pitch', () => {
    expect(params('alone')).toEqual({ shows: 'map', dist: 5 });
  });

  it('a screen without `shows` (its own one-screen region) stays the scene wall, as before layouts said what screens show', () => {
    expect(screenParams(DEFAULT_WALL_LAYOUT, DEFAULT_WALL_LAYOUT.screens[0]!)).toEqual({ dist: 4 });
  });

  it('the pitch is per CSS pixel of the window: a window of half the panel’s pixels (200 %) has twice the pitch', () => {
    expect(params('m1', 540)).toEqual({ shows: 'map', dist: 5, pitch: 1.26 });
  });

  it('the touch panel gets only its CSS pixels per mm', () => {
    expect(params('touch')).toEqual({ pxmm: 3.643 });
    expect(params('touch', 540)).toEqual({ pxmm: 1.821 });
  });
});

describe('screenParamsQuery', () => {
  it('writes the parameters in a fixed order', () => {
    expect(screenParamsQuery({ pitch: 0.63, dist: 5, sound: true, playlist: 'test', shows: 'scenes' })).toBe(
      '&shows=scenes&playlist=test&sound=1&dist=5&pitch=0.63',
    );
    expect(screenParamsQuery({ pxmm: 3.643 })).toBe('&pxmm=3.643');
    expect(screenParamsQuery(undefined)).toBe('');
  });

  it('sameParams compares what goes into the URL', () => {
    expect(sameParams({ dist: 4 }, { dist: 4 })).toBe(true);
    expect(sameParams({ dist: 4 }, { dist: 4, sound: true })).toBe(false);
    expect(sameParams(undefined, {})).toBe(true);
  });
});
