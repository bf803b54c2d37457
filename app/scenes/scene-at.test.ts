import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DAY_MS, mskDay, mskDayStart, mskTime } from '../calendar/msk-time';
import { DEFAULT_PLAYLIST, PlaylistSchema, type Playlist, type PlaylistInput } from './playlist';
import { cycleMs, sceneAt, type SceneSlot } from './scene-at';
import { sceneKey } from './scene';

const S = 1000;
const at = (h: number, m = 0, s = 0) => mskTime(2026, 1, 20, h, m) + s * S;
const show = (slot: SceneSlot) => `${slot.daypart}/${slot.index}:${sceneKey(slot.scene)}`;

describe('sceneAt: the default playlist', () => {
  it('day: starts at 07:00 with the overview, then ЖКХ at 07:01, and cycles every 4 min', () => {
    expect(sceneAt(DEFAULT_PLAYLIST, at(7))).toEqual({ scene: { id: 'overview' }, index: 0, daypart: 'day', startedAt: at(7), endsAt: at(7, 1) });
    expect(show(sceneAt(DEFAULT_PLAYLIST, at(7, 1)))).toBe('day/1:housing');
    expect(show(sceneAt(DEFAULT_PLAYLIST, at(7, 3, 20)))).toBe('day/4:sector:healthcare');
    expect(show(sceneAt(DEFAULT_PLAYLIST, at(7, 3, 59)))).toBe('day/5:municipality:97701000');
    expect(sceneAt(DEFAULT_PLAYLIST, at(7, 4)).startedAt).toBe(at(7, 4));
    expect(show(sceneAt(DEFAULT_PLAYLIST, at(12, 0, 30)))).toBe('day/0:overview');
  });

  it('night: 22:00 restarts from the night list, which runs across midnight', () => {
    expect(sceneAt(DEFAULT_PLAYLIST, at(21, 59, 59))).toMatchObject({ daypart: 'day', endsAt: at(22) });
    expect(sceneAt(DEFAULT_PLAYLIST, at(22))).toMatchObject({ daypart: 'night', index: 0, startedAt: at(22), endsAt: at(22, 3) });
    // 03:00 next day is 5 h = 42 cycles of 7 min + 6 min into the run: the SLA scene since 02:59.
    const next = at(3) + DAY_MS;
    expect(sceneAt(DEFAULT_PLAYLIST, next)).toMatchObject({ daypart: 'night', index: 2, startedAt: next - 60 * S, endsAt: next + 60 * S });
  });

  it('the scene playing when a daypart ends is cut short, and the next daypart starts from its first scene', () => {
    // 06:59 is 77 whole night cycles after 22:00: the overview would run 3 min, but day starts at 07:00.
    const cut = sceneAt(DEFAULT_PLAYLIST, at(6, 59, 30));
    expect(cut).toMatchObject({ daypart: 'night', index: 0, startedAt: at(6, 59), endsAt: at(7) });
    expect(sceneAt(DEFAULT_PLAYLIST, cut.endsAt)).toMatchObject({ daypart: 'day', index: 0, startedAt: at(7) });
  });

  it('drops fractions of a millisecond, so boundaries are whole instants', () => {
    expect(sceneAt(DEFAULT_PLAYLIST, at(7, 1) - 0.5)).toMatchObject({ index: 0, endsAt: at(7, 1) });
    expect(() => sceneAt(DEFAULT_PLAYLIST, Number.NaN)).toThrow(RangeError);
  });
});

// Playlists of 1–3 timed dayparts over a whole-day fallback, 1–5 scenes each, dwell 5–600 s.
const SCENES = ['overview', 'housing', 'sla', 'ratings', 'sector:healthcare', 'municipality:97701000'];
const clock = fc.integer({ min: 0, max: 1439 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
const entries = fc.array(fc.record({ scene: fc.constantFrom(...SCENES), dwellS: fc.integer({ min: 5, max: 600 }) }), { minLength: 1, maxLength: 5 });
const timed = fc.record({ from: clock, to: clock, scenes: entries }).filter((p) => p.from !== p.to);
const arbInput: fc.Arbitrary<PlaylistInput> = fc
  .tuple(fc.array(timed, { maxLength: 3 }), entries)
  .map(([parts, all]) => ({ dayparts: [...parts.map((p, i) => ({ id: `p${i}`, ...p })), { id: 'all', from: '00:00', to: '00:00', scenes: all }] }))
  .filter((p) => PlaylistSchema.safeParse(p).success);
const arbPlaylist: fc.Arbitrary<Playlist> = arbInput.map((p) => PlaylistSchema.parse(p));
// 2024–2030, whole milliseconds.
const arbTime = fc.integer({ min: mskTime(2024, 1, 1), max: mskTime(2030, 1, 1) });

const dwellOf = (p: Playlist, slot: SceneSlot) => {
  const part = p.dayparts.find((d) => d.id === slot.daypart)!;
  return (part.scenes[slot.index]!.dwellS ?? part.dwellS) * S;
};

describe('sceneAt: properties', () => {
  it('is deterministic: two PCs that parsed the same file agree at every instant', () => {
    fc.assert(
      fc.property(arbInput, arbTime, (input, t) => {
        const a = sceneAt(PlaylistSchema.parse(input), t);
        const b = sceneAt(PlaylistSchema.parse(input), t);
        expect(b).toEqual(a);
        expect(sceneAt(PlaylistSchema.parse(input), t)).toEqual(a);
      }),
    );
  });

  it('is piecewise constant: every instant of a slot gives the same slot', () => {
    fc.assert(
      fc.property(arbPlaylist, arbTime, fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (p, t, u) => {
        const slot = sceneAt(p, t);
        expect(slot.startedAt).toBeLessThanOrEqual(t);
        expect(slot.endsAt).toBeGreaterThan(t);
        const inside = slot.startedAt + Math.floor(u * (slot.endsAt - slot.startedAt));
        expect(sceneAt(p, inside)).toEqual(slot);
        expect(sceneAt(p, slot.endsAt - 1)).toEqual(slot);
      }),
    );
  });

  it('slots tile time: the next slot starts exactly when this one ends', () => {
    fc.assert(
      fc.property(arbPlaylist, arbTime, (p, t) => {
        const slot = sceneAt(p, t);
        expect(sceneAt(p, slot.endsAt).startedAt).toBe(slot.endsAt);
        expect(sceneAt(p, slot.startedAt - 1).endsAt).toBe(slot.startedAt);
      }),
    );
  });

  it('a slot lasts its dwell time, or is cut on a whole minute where the next run starts from its first scene', () => {
    fc.assert(
      fc.property(arbPlaylist, arbTime, (p, t) => {
        const slot = sceneAt(p, t);
        const length = slot.endsAt - slot.startedAt;
        if (length === dwellOf(p, slot)) return;
        expect(length).toBeLessThan(dwellOf(p, slot));
        const next = sceneAt(p, slot.endsAt);
        expect(next.index).toBe(0);
        const intoDay = slot.endsAt - mskDayStart(mskDay(slot.endsAt));
        expect(intoDay % 60_000).toBe(0);
        // A run ends where the daypart changes, or at Moscow midnight when one daypart has the whole day.
        if (next.daypart === slot.daypart) expect(intoDay).toBe(0);
      }),
    );
  });

  it('a whole-day playlist: boundaries sit exactly at Moscow midnight plus whole cycles plus dwell sums', () => {
    fc.assert(
      fc.property(entries, arbTime, (scenes, t) => {
        const p = PlaylistSchema.parse({ dayparts: [{ id: 'all', from: '00:00', to: '00:00', scenes }] });
        const slot = sceneAt(p, t);
        const before = scenes.slice(0, slot.index).reduce((s, e) => s + e.dwellS * S, 0);
        const midnight = mskDayStart(mskDay(t));
        expect((slot.startedAt - midnight) % cycleMs(p.dayparts[0]!)).toBe(before);
      }),
    );
  });

  it('every scene of the daypart in force appears within one cycle', () => {
    fc.assert(
      fc.property(arbPlaylist, arbTime, (p, t) => {
        const first = sceneAt(p, t);
        const cycle = cycleMs(p.dayparts.find((d) => d.id === first.daypart)!);
        const seen = new Set<number>();
        let slot = first;
        while (slot.startedAt < t + cycle && slot.daypart === first.daypart) {
          seen.add(slot.index);
          slot = sceneAt(p, slot.endsAt);
        }
        // Only a window that stays inside one daypart must see them all.
        if (slot.daypart !== first.daypart) return;
        expect(seen.size).toBe(p.dayparts.find((d) => d.id === first.daypart)!.scenes.length);
      }),
    );
  });

  it('the default playlist shows all six day scenes in any 4-minute window of the day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 15 * 3600 - 240 }), (sec) => {
        const t = at(7) + sec * S;
        const seen = new Set<number>();
        for (let slot = sceneAt(DEFAULT_PLAYLIST, t); slot.startedAt < t + 240 * S; slot = sceneAt(DEFAULT_PLAYLIST, slot.endsAt)) seen.add(slot.index);
        expect(seen.size).toBe(6);
      }),
    );
  });
});
