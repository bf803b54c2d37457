import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cycleMs } from './scene-at';
import { DAY_MINUTES, daypartCovers, DEFAULT_PLAYLIST, minuteOwners, PlaylistSchema, type PlaylistInput } from './playlist';

const messages = (input: unknown) => {
  const r = PlaylistSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('playlist config', () => {
  it('the default: day 07:00–22:00 with six scenes in 4 min, night 22:00–07:00 with three in 7 min', () => {
    const [day, night] = DEFAULT_PLAYLIST.dayparts;
    expect(day).toMatchObject({ id: 'day', from: '07:00', to: '22:00' });
    expect(day!.scenes.map((e) => e.scene.id)).toEqual(['overview', 'housing', 'sla', 'ratings', 'sector', 'municipality']);
    expect(cycleMs(day!)).toBe(240_000);
    expect(night).toMatchObject({ id: 'night', from: '22:00', to: '07:00' });
    expect(night!.scenes.length).toBeLessThan(day!.scenes.length);
    expect(cycleMs(night!) / night!.scenes.length).toBeGreaterThan(cycleMs(day!) / day!.scenes.length);
  });

  it('fills the daypart dwell time and accepts bare scenes as entries', () => {
    const p = PlaylistSchema.parse({ dayparts: [{ id: 'all', from: '00:00', to: '00:00', scenes: ['overview', { scene: 'sla', dwellS: 10 }] }] });
    expect(p.dayparts[0]!.dwellS).toBe(30);
    expect(p.dayparts[0]!.scenes).toEqual([{ scene: { id: 'overview' } }, { scene: { id: 'sla' }, dwellS: 10 }]);
  });

  it('a daypart wraps over midnight when `to` is before `from`; equal ends mean the whole day', () => {
    const night = { from: '22:00', to: '07:00' };
    expect([0, 6 * 60 + 59, 22 * 60, 1439].every((m) => daypartCovers(night, m))).toBe(true);
    expect([7 * 60, 12 * 60, 21 * 60 + 59].some((m) => daypartCovers(night, m))).toBe(false);
    expect(daypartCovers({ from: '09:00', to: '09:00' }, 3)).toBe(true);
    expect(daypartCovers({ from: '07:00', to: '24:00' }, 1439)).toBe(true);
  });

  it('the minute table gives each minute to the first daypart that covers it', () => {
    const clock = fc.integer({ min: 0, max: 1440 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.array(fc.record({ from: clock, to: clock }), { maxLength: 4 }), (parts) => {
        const owners = minuteOwners(parts);
        for (let m = 0; m < DAY_MINUTES; m++) expect(owners[m]).toBe(parts.findIndex((p) => daypartCovers(p, m)));
      }),
      { numRuns: 50 },
    );
  });

  it('names the uncovered time, a duplicate id and a daypart that never wins, in Russian and English', () => {
    const gap: PlaylistInput = { dayparts: [{ id: 'day', from: '07:00', to: '22:00', scenes: ['overview'] }] };
    expect(messages(gap)).toEqual(['dayparts: 22:00–07:00 не покрыто ни одной частью суток / 22:00–07:00 is not covered by any daypart']);
    const dup = {
      dayparts: [
        { id: 'a', from: '00:00', to: '12:00', scenes: ['sla'] },
        { id: 'a', from: '12:00', to: '00:00', scenes: ['sla'] },
      ],
    };
    expect(messages(dup)).toEqual(['dayparts.1.id: повтор id «a» / duplicate id «a»']);
    const shadowed = {
      dayparts: [
        { id: 'all', from: '00:00', to: '00:00', scenes: ['sla'] },
        { id: 'night', from: '22:00', to: '07:00', scenes: ['sla'] },
      ],
    };
    expect(messages(shadowed)).toEqual(['dayparts.1: никогда не действует: её время занято предыдущими / never active: earlier dayparts cover all its time']);
  });

  it('rejects dwell times outside 5–3600 s, empty lists and malformed clock times', () => {
    const part = (over: object) => ({ dayparts: [{ id: 'all', from: '00:00', to: '00:00', scenes: ['overview'], ...over }] });
    expect(messages(part({ dwellS: 4 }))).toEqual(['dayparts.0.dwellS: не меньше 5 с / at least 5 s']);
    expect(messages(part({ scenes: [{ scene: 'sla', dwellS: 3601 }] }))).toHaveLength(1);
    expect(messages(part({ scenes: [] }))).toEqual(['dayparts.0.scenes: хотя бы одна сцена / at least one scene']);
    expect(messages(part({ from: '7:00' }))).toHaveLength(1);
    expect(messages(part({ to: '24:30' }))).toHaveLength(1);
  });
});
