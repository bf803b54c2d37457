import { describe, expect, it } from 'vitest';
import { abbreviateAtWord, isCutMidWord, withoutPlace } from './abbreviate';

describe('abbreviateAtWord', () => {
  it('leaves text that fits as it is (whitespace collapsed)', () => {
    expect(abbreviateAtWord('Холодно в школе', 15)).toBe('Холодно в школе');
    expect(abbreviateAtWord('  Холодно   в школе ', 40)).toBe('Холодно в школе');
  });

  it('ends after the last whole word that fits, with «…»', () => {
    expect(abbreviateAtWord('Разрушено дорожное покрытие на улице Ленина', 24)).toBe('Разрушено дорожное…');
    expect(abbreviateAtWord('Разрушено дорожное покрытие на улице Ленина', 28)).toBe('Разрушено дорожное покрытие…');
    expect(abbreviateAtWord('Холодно в школе № 12 уже третий день', 14)).toBe('Холодно…');
  });

  it('drops a dangling preposition, conjunction, dash or comma before «…»', () => {
    expect(abbreviateAtWord('Яма на проезжей части', 10)).toBe('Яма…');
    expect(abbreviateAtWord('Нет воды и света в доме', 14)).toBe('Нет воды…');
    expect(abbreviateAtWord('Отопление — Чебоксары, ул. Мира, д. 1', 24)).toBe('Отопление — Чебоксары…');
    expect(abbreviateAtWord('Отопление — Чебоксары', 14)).toBe('Отопление…');
  });

  it('never cuts a word: a first word longer than the room is kept whole', () => {
    expect(abbreviateAtWord('Мининформполитики Чувашии', 10)).toBe('Мининформполитики…');
    expect(abbreviateAtWord('Мининформполитики', 10)).toBe('Мининформполитики');
  });

  it('is never longer than the room unless one word is, and never cut mid-word', () => {
    const titles = [
      'Нарушение расписания движения автобуса № 27',
      'Задержка выплаты пособия на ребёнка',
      'Низкое давление воды в доме по ул. Гагарина',
      'Разрушено дорожное покрытие',
      'Нет отопления',
    ];
    for (const t of titles) {
      for (let n = 8; n <= 50; n++) {
        const a = abbreviateAtWord(t, n);
        expect(isCutMidWord(a, t), `${t} @${n}: ${a}`).toBe(false);
        if (a !== t && a.indexOf(' ') > 0) expect(a.length, `${t} @${n}`).toBeLessThanOrEqual(n);
      }
    }
  });
});

describe('isCutMidWord', () => {
  it('tells a cut inside a word from one after a whole word', () => {
    expect(isCutMidWord('Минобразован…', 'Минобразования Чувашии')).toBe(true);
    expect(isCutMidWord('Холодно в шк…', 'Холодно в школе')).toBe(true);
    expect(isCutMidWord('Холодно…', 'Холодно в школе')).toBe(false);
    expect(isCutMidWord('Холодно в школе', 'Холодно в школе')).toBe(false);
  });
});

describe('withoutPlace', () => {
  it('drops the place the hub appended to a public title, and nothing else', () => {
    expect(withoutPlace('Нет отопления — Чебоксары', 'Чебоксары')).toBe('Нет отопления');
    expect(withoutPlace('Нет отопления — Новочебоксарск', 'Чебоксары')).toBe('Нет отопления — Новочебоксарск');
    expect(withoutPlace('Нет отопления', 'Чебоксары')).toBe('Нет отопления');
  });
});
