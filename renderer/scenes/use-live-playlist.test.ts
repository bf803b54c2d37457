import { describe, expect, it } from 'vitest';
import { PlaylistSchema } from '../../app/scenes/playlist';
import { sceneAt } from '../../app/scenes/scene-at';
import { switchAt, wantedPlaylist } from './use-live-playlist';

const list = (scenes: string[], dwellS = 10) => PlaylistSchema.parse({ dayparts: [{ id: 'all', from: '00:00', to: '24:00', dwellS, scenes }] });
const builtIn = list(['overview', 'housing']);

describe('wantedPlaylist', () => {
  it('without a hub document: the built-in playlist, no problem', () => {
    expect(wantedPlaylist('default', builtIn, null)).toEqual({ playlist: builtIn, problem: null });
    expect(wantedPlaylist('lobby', builtIn, null).problem).toBeNull();
  });

  it('the layout’s name from the hub document', () => {
    const lobby = list(['sla']);
    expect(wantedPlaylist('lobby', builtIn, { default: builtIn, lobby }).playlist).toBe(lobby);
  });

  it('a name the document lacks is said on the wall, not silently replaced', () => {
    const r = wantedPlaylist('lobby', builtIn, { default: list(['sla']) });
    expect(r.playlist).toBe(builtIn);
    expect(r.problem).toBe('Плейлист «lobby» из раскладки не найден в настройке «Плейлисты сцен»; показывается встроенный');
  });

  it('`test` stays the built-in test rotation unless the document defines it', () => {
    expect(wantedPlaylist('test', builtIn, { default: list(['sla']) })).toEqual({ playlist: builtIn, problem: null });
  });
});

describe('switchAt', () => {
  it('is the end of the scene on screen: the same instant for any moment within that scene', () => {
    const t0 = Date.UTC(2026, 0, 5, 9, 0, 3);
    const end = sceneAt(builtIn, t0).endsAt;
    expect(switchAt(builtIn, t0)).toBe(end);
    expect(switchAt(builtIn, end - 1)).toBe(end);
    expect(switchAt(builtIn, end)).toBe(end + 10_000);
    expect(end - t0).toBeGreaterThan(0);
    expect(end - t0).toBeLessThanOrEqual(10_000);
  });
});
