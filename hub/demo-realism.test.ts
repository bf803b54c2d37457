/**
 * The demo source is as harsh and as seasonal as a real region (issue 11 «Demo source»): no
 * heating complaints in July, grass in July and not in January, quieter weekends, a few per
 * cent of repeats by the same applicant or building, ПОС answers rated, and overdue items a
 * small share. Figures: `npm run demo:report`.
 */
import { describe, expect, it } from 'vitest';
import { mskTime } from '../app/calendar/msk-time';
import type { Appeal } from '../app/domain/entity';
import { findRepeats, linkRepeats } from '../app/ratings/repeat-complaints';
import { keyAppeal, newSalt } from './applicant-key';
import { DemoSource } from './demo-source';

const appealsAt = (now: number, days = 20): Appeal[] => {
  const salt = newSalt();
  return linkRepeats(
    new DemoSource({ seed: 3, speed: 1, backfillDays: days })
      .backfill(now)
      .upserts.filter((e): e is Appeal => e.kind === 'appeal')
      .map((a) => keyAppeal(a, salt)),
  );
};

describe('demo realism', () => {
  const july = appealsAt(mskTime(2026, 7, 20, 12));
  const january = appealsAt(mskTime(2026, 1, 20, 12));

  it('follows the seasons: heating and snow in winter only, grass in summer only', () => {
    // Posts about an accident follow the accidents (their season is the accidents' own).
    const titles = (xs: Appeal[]) => new Set(xs.filter((a) => !a.accidentId).map((a) => a.title));
    expect(titles(july).has('Нет отопления')).toBe(false);
    expect(titles(july).has('Не убран снег с дороги')).toBe(false);
    expect(titles(july).has('Не скошена трава')).toBe(true);
    expect(titles(january).has('Нет отопления')).toBe(true);
    expect(titles(january).has('Не скошена трава')).toBe(false);
  });

  it('is quieter at weekends', () => {
    const byDay = new Map<number, number>();
    for (const a of january) {
      const d = new Date(a.createdAt + 3 * 3_600_000).getUTCDay();
      byDay.set(d, (byDay.get(d) ?? 0) + 1);
    }
    const weekday = ((byDay.get(2) ?? 0) + (byDay.get(3) ?? 0)) / 2;
    expect(byDay.get(0)!).toBeLessThan(weekday * 0.8);
  });

  it('has a few per cent of repeat complaints, rated ПОС answers and a small overdue share', () => {
    const now = mskTime(2026, 1, 20, 12);
    const answered = january.filter((a) => a.answeredAt !== undefined);
    const repeats = findRepeats(january, { windowDays: 30 }, now);
    const share = repeats.size / answered.length;
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.15);
    const rated = answered.filter((a) => a.satisfaction);
    expect(rated.length).toBeGreaterThan(0);
    expect(rated.every((a) => a.channel === 'pos')).toBe(true);
    expect(january.every((a) => a.applicantKey && !('applicant' in a))).toBe(true);
  });
});
