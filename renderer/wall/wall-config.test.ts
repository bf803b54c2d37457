import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYLIST } from '../../app/scenes/playlist';
import { MIN_ARC_MINUTES, PREFERRED_ARC_MINUTES, characterHeightMm } from '../../app/wall/geometry';
import { TEST_PLAYLIST } from '../scenes/test-playlist';
import { CAP_HEIGHT_EM, wallTypeScale } from './type-scale';
import { parseWallConfig } from './wall-config';

const url = (q: string) => `http://127.0.0.1:8400/#/wall/main?token=dev-wall${q}`;

describe('wall configuration from the URL', () => {
  it('is the scene wall with the default playlist, 4 m and a 55″ Full HD panel by default', () => {
    expect(parseWallConfig(url(''))).toEqual({
      shows: 'scenes',
      playlistName: 'default',
      playlist: DEFAULT_PLAYLIST,
      sound: false,
      viewingDistanceM: 4,
      pixelPitchMm: 0.63,
      controlToken: null,
      palette: null,
    });
  });

  it('pins a palette with palette=day|night, and ignores anything else', () => {
    expect([
      parseWallConfig(url('&palette=night')).palette,
      parseWallConfig(url('&palette=day')).palette,
      parseWallConfig(url('&palette=dark')).palette,
    ]).toEqual(['night', 'day', null]);
  });

  it('takes the test playlist, sound, distance, pitch and a control token', () => {
    const c = parseWallConfig(url('&playlist=test&sound=1&dist=2.5&pitch=0.311&control=dev-presenter'));
    expect(c.playlist).toBe(TEST_PLAYLIST);
    expect([c.sound, c.viewingDistanceM, c.pixelPitchMm, c.controlToken]).toEqual([true, 2.5, 0.311, 'dev-presenter']);
  });

  it('falls back to defaults on nonsense', () => {
    const c = parseWallConfig(url('&playlist=%3Cnope%3E&dist=-3&pitch=abc&control=%3Cscript%3E'));
    expect([c.playlistName, c.viewingDistanceM, c.pixelPitchMm, c.controlToken]).toEqual(['default', 4, 0.63, null]);
  });

  it('names any playlist of the hub’s playlists document; `scene=` pins one scene (the admin page’s preview)', () => {
    expect(parseWallConfig(url('&playlist=lobby'))).toMatchObject({ playlistName: 'lobby', playlist: DEFAULT_PLAYLIST });
    const pinned = parseWallConfig(url('&playlist=test&scene=sector:parks'));
    expect(pinned.playlistName).toBe('preview');
    expect(pinned.playlist.dayparts.map((d) => d.scenes.map((e) => e.scene))).toEqual([[{ id: 'sector', sector: 'parks' }]]);
    expect(parseWallConfig(url('&scene=nonsense')).playlistName).toBe('default');
  });

  it('makes a window that shows part of a spanning map a map screen', () => {
    expect(parseWallConfig(url('&vx=1920&vy=0&vw=3840&vh=1080')).shows).toBe('map');
    expect(parseWallConfig(url('&vx=1920&vy=0&vw=3840&vh=1080&shows=scenes')).shows).toBe('scenes');
    expect(parseWallConfig(url('&shows=map')).shows).toBe('map');
  });
});

describe('type scale', () => {
  it('puts body caps at ≥ 16′ and KPI caps at ≥ 20′ of arc at the viewing distance', () => {
    for (const [d, pitch] of [
      [4, 0.63],
      [2, 0.63],
      [6, 0.311],
      [1.2, 0.2],
    ] as const) {
      const s = wallTypeScale(d, pitch);
      expect(s.bodyPx * CAP_HEIGHT_EM * pitch).toBeGreaterThanOrEqual(characterHeightMm(d, MIN_ARC_MINUTES) - 1e-9);
      expect(s.kpiPx * CAP_HEIGHT_EM * pitch).toBeGreaterThanOrEqual(characterHeightMm(d, PREFERRED_ARC_MINUTES) - 1e-9);
    }
  });

  it('gives 43 px body and 53 px figures for 4 m and a 55″ Full HD panel', () => {
    expect(wallTypeScale(4, 0.63)).toMatchObject({ minCapPx: 30, kpiCapPx: 37, bodyPx: 43, kpiPx: 53 });
  });
});
