import { describe, expect, it } from 'vitest';
import { mskTime } from '../calendar/msk-time';
import { DEFAULT_PLAYLIST } from './playlist';
import { resolveScene, SceneCommandSchema, type AlarmTakeover, type SceneCommand } from './resolve-scene';
import { sceneAt } from './scene-at';

const now = mskTime(2026, 1, 20, 10, 0) + 15_000;
const alarm: AlarmTakeover = { id: 'accident-residents:accident:A1', scene: { id: 'municipality', oktmo: '97701000' }, since: now - 60_000 };
const command: SceneCommand = { scene: { id: 'ratings' }, until: now + 120_000, issuedAt: now - 5_000 };

describe('resolveScene', () => {
  it('without overrides the playlist decides, with its slot end as the next change', () => {
    const r = resolveScene({ playlist: DEFAULT_PLAYLIST, now });
    const slot = sceneAt(DEFAULT_PLAYLIST, now);
    expect(r).toEqual({ scene: slot.scene, source: 'playlist', endsAt: slot.endsAt, alarm: null, playlist: slot });
  });

  it('an active alarm takes the wall over until it is acknowledged (no end time)', () => {
    const r = resolveScene({ playlist: DEFAULT_PLAYLIST, now, alarm });
    expect(r).toMatchObject({ scene: alarm.scene, source: 'alarm', endsAt: null, alarm });
  });

  it('a presenter command outranks the alarm while it lasts, and the alarm stays reported for its cue', () => {
    const r = resolveScene({ playlist: DEFAULT_PLAYLIST, now, alarm, command });
    expect(r).toMatchObject({ scene: { id: 'ratings' }, source: 'command', endsAt: command.until, alarm });
  });

  it('an expired command gives way: to the alarm if one is up, else to the playlist where it is now', () => {
    const later = command.until;
    expect(resolveScene({ playlist: DEFAULT_PLAYLIST, now: later, alarm, command })).toMatchObject({ source: 'alarm', scene: alarm.scene });
    const resumed = resolveScene({ playlist: DEFAULT_PLAYLIST, now: later, command });
    // The playlist kept running underneath: it resumes at the scheduled scene, not where it was left.
    expect(resumed).toMatchObject({ source: 'playlist', scene: sceneAt(DEFAULT_PLAYLIST, later).scene, endsAt: sceneAt(DEFAULT_PLAYLIST, later).endsAt });
  });

  it('after acknowledgement (no alarm passed) the playlist resumes on every screen alike', () => {
    const t = now + 600_000;
    expect(resolveScene({ playlist: DEFAULT_PLAYLIST, now: t }).scene).toEqual(sceneAt(DEFAULT_PLAYLIST, t).scene);
  });

  it('parses commands from the wire, scene shorthand included', () => {
    expect(SceneCommandSchema.parse({ scene: 'municipality:97701000', until: 1 })).toEqual({ scene: { id: 'municipality', oktmo: '97701000' }, until: 1 });
    expect(SceneCommandSchema.safeParse({ scene: 'overview', until: -1 }).success).toBe(false);
    expect(SceneCommandSchema.safeParse({ scene: 'overview' }).success).toBe(false);
  });
});
