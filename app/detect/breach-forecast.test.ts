import { describe, expect, it } from 'vitest';
import { HOUR_MS, mskTime } from '../calendar/msk-time';
import { makeAppeal } from '../../test/support/entities';
import { breachForecast } from './breach-forecast';
import { inMunicipality, spikeText, usually } from './detect-text';

describe('breach forecast', () => {
  // Wed 4 Feb 2026; the day shift ends at 20:00 MSK.
  const now = mskTime(2026, 2, 4, 15);
  const shiftEnd = mskTime(2026, 2, 4, 20);

  it('lists per organisation the open items falling due before the end of the shift, not the overdue, answered or later ones', () => {
    const items = [
      // ИМ post: 8 working hours from Tue 17:00 → Wed 17:00 (due in the shift).
      makeAppeal({ id: 'soon', org: 'omsu-cheboksary', createdAt: mskTime(2026, 2, 3, 17) }),
      // High-importance post at 14:00: 4 clock hours → 18:00.
      makeAppeal({ id: 'high', org: 'omsu-cheboksary', importance: 'high', createdAt: mskTime(2026, 2, 4, 14) }),
      // Another organisation, one item due at 16:00.
      makeAppeal({ id: 'other', org: 'oiv-minzdrav', importance: 'high', createdAt: mskTime(2026, 2, 4, 12) }),
      // Already overdue (due 10:00): a breach, not a forecast.
      makeAppeal({ id: 'late', org: 'oiv-minzdrav', importance: 'high', createdAt: mskTime(2026, 2, 4, 6) }),
      // Answered: no risk.
      makeAppeal({ id: 'done', org: 'oiv-minzdrav', importance: 'high', createdAt: mskTime(2026, 2, 4, 14), status: 'answered', answeredAt: now }),
      // Due tomorrow (8 working hours from 15:00 Wed → Thu 15:00).
      makeAppeal({ id: 'later', org: 'omsu-cheboksary', createdAt: now }),
    ];
    const f = breachForecast(items, now, shiftEnd);
    expect(f.map((o) => [o.org, o.items.map((i) => i.id)])).toEqual([
      ['omsu-cheboksary', ['soon', 'high']],
      ['oiv-minzdrav', ['other']],
    ]);
    expect(f[0]!.items[0]!.dueAt).toBe(mskTime(2026, 2, 4, 17));
    expect(f[1]!.orgName).not.toBe('');
  });

  it('an item due exactly at the end of the shift counts; one a minute later does not', () => {
    const a = makeAppeal({ id: 'edge', importance: 'high', createdAt: shiftEnd - 4 * HOUR_MS });
    const b = makeAppeal({ id: 'after', importance: 'high', createdAt: shiftEnd - 4 * HOUR_MS + 60_000 });
    expect(breachForecast([a, b], now, shiftEnd).flatMap((o) => o.items.map((i) => i.id))).toEqual(['edge']);
  });
});

describe('alarm wording', () => {
  it('declines the places and rounds the usual level for a person', () => {
    expect(inMunicipality('97516000')).toBe('в Канашском округе');
    expect(inMunicipality('97701000')).toBe('в Чебоксарах');
    expect(inMunicipality('97710000')).toBe('в Новочебоксарске');
    expect(usually(0.2)).toBe('обычно меньше одного');
    expect(usually(1.4)).toBe('обычно 1');
    expect(spikeText({ count: 12, expected: 1, municipality: '97516000', sector: 'housing', topic: 'housing.no-cold-water', windowMin: 60 })).toBe(
      '12 сообщений о холодной воде в Канашском округе за час, обычно 1',
    );
    expect(spikeText({ count: 21, expected: 3, municipality: '97701000', sector: 'roads', windowMin: 120 })).toBe(
      '21 сообщение по сектору «Дороги» в Чебоксарах за 2 часа, обычно 3',
    );
    expect(spikeText({ count: 5, expected: 0, municipality: '97701000', sector: 'other', topic: 'other.noise', windowMin: 60 })).toBe(
      '5 сообщений на тему «Шум в ночное время» в Чебоксарах за час, обычно меньше одного',
    );
  });
});
