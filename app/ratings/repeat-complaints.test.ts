import { describe, it, expect } from 'vitest';
import type { Appeal } from '../domain/entity';
import { DAY_MS, mskTime } from '../calendar/msk-time';
import { findRepeats, problemKey } from './repeat-complaints';
import { makeAppeal } from '../../test/support/entities';

const T = mskTime(2026, 1, 12, 10);
const RULE = { windowDays: 30, radiusKm: 1 };

const appeal = (id: string, over: Partial<Appeal> = {}): Appeal => makeAppeal({ id, channel: 'pos', topic: 'Отопление', createdAt: T, ...over });

describe('problemKey', () => {
  it('is municipality + sector + topic, ignoring case, ё and spacing', () => {
    expect(problemKey(appeal('a', { topic: '  ОТОПЛЕНИЕ ' }))).toBe(problemKey(appeal('b', { topic: 'отопление' })));
    expect(problemKey(appeal('a', { topic: 'Вывоз мусора' }))).not.toBe(problemKey(appeal('b')));
    expect(problemKey(appeal('a', { sector: 'energy' }))).not.toBe(problemKey(appeal('b')));
    expect(problemKey(appeal('a', { municipality: '97710000' }))).not.toBe(problemKey(appeal('b')));
  });

  it('without a topic, falls back to the word stems of the title (order and short words ignored)', () => {
    const noTopic = (id: string, title: string) => {
      const a = appeal(id, { title });
      delete (a as { topic?: string }).topic;
      return a;
    };
    expect(problemKey(noTopic('a', 'Нет отопления!'))).toBe(problemKey(noTopic('b', 'отопления нет')));
    expect(problemKey(noTopic('a', 'Нет отопления'))).not.toBe(problemKey(noTopic('b', 'Нет горячей воды')));
  });
});

describe('findRepeats', () => {
  const answered = appeal('a', { status: 'answered', answeredAt: T + 2 * DAY_MS });

  it('a complaint on the same problem within 30 days after the answer bounces it', () => {
    const b = appeal('b', { createdAt: T + 10 * DAY_MS });
    expect(findRepeats([answered, b], RULE, T + 40 * DAY_MS)).toEqual(new Map([['a', ['b']]]));
  });

  it('does not count a complaint sent before the answer (a duplicate), or after the window', () => {
    const before = appeal('before', { createdAt: T + DAY_MS });
    const late = appeal('late', { createdAt: T + 2 * DAY_MS + 30 * DAY_MS + 1 });
    const edge = appeal('edge', { createdAt: T + 2 * DAY_MS + 30 * DAY_MS });
    expect(findRepeats([answered, before, late, edge], RULE, T + 90 * DAY_MS).get('a')).toEqual(['edge']);
  });

  it('does not count a complaint more than 1 km away or not yet arrived by now', () => {
    const far = appeal('far', { createdAt: T + 5 * DAY_MS, lat: 56.13 + 0.02 }); // ≈ 2.2 km north
    const future = appeal('future', { createdAt: T + 5 * DAY_MS });
    expect(findRepeats([answered, far, future], RULE, T + 4 * DAY_MS).size).toBe(0);
  });
});
