import { describe, expect, it } from 'vitest';
import { mskTime } from '../calendar/msk-time';
import type { Appeal } from '../domain/entity';
import { makeAppeal } from '../../test/support/entities';
import { buildSatisfaction } from './satisfaction';

const NOW = mskTime(2026, 11, 30, 12);
const DAY = 86_400_000;
let n = 0;
const rated = (org: string, ok: boolean, answeredAgo = DAY): Appeal =>
  makeAppeal({
    id: `s${++n}`,
    channel: 'pos',
    org,
    status: 'answered',
    createdAt: NOW - answeredAgo - DAY,
    answeredAt: NOW - answeredAgo,
    satisfaction: ok ? 'satisfied' : 'unsatisfied',
  });
const store = (xs: Appeal[]) => new Map(xs.map((a) => [`appeal:${a.id}`, a]));

describe('satisfaction panel', () => {
  it('counts the rated answers of the last 30 days: 7 of 10 → 0.7; older and unrated ones do not count', () => {
    const xs = [
      ...Array.from({ length: 5 }, () => rated('omsu-cheboksary', true)),
      ...Array.from({ length: 3 }, () => rated('omsu-cheboksary', false)),
      rated('oiv-minzdrav', true),
      rated('oiv-minzdrav', true),
      rated('oiv-minzdrav', false, 40 * DAY),
      makeAppeal({ id: 'unrated', status: 'answered', answeredAt: NOW - DAY }),
    ];
    const s = buildSatisfaction(store(xs), NOW);
    expect(s).toMatchObject({ rated: 10, satisfied: 7, share: 0.7 });
  });

  it('lists the lowest shares first, only bodies with at least 5 ratings', () => {
    const xs = [
      ...Array.from({ length: 5 }, (_, i) => rated('omsu-kanashsky', i < 2)),
      ...Array.from({ length: 6 }, (_, i) => rated('omsu-cheboksary', i < 5)),
      rated('oiv-minzdrav', false),
    ];
    expect(buildSatisfaction(store(xs), NOW).worst.map((w) => [w.org, w.rated, w.satisfied])).toEqual([
      ['omsu-kanashsky', 5, 2],
      ['omsu-cheboksary', 6, 5],
    ]);
  });

  it('has no share without ratings', () => {
    expect(buildSatisfaction(new Map(), NOW)).toEqual({ rated: 0, satisfied: 0, share: null, worst: [] });
  });
});
