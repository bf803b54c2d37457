import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coarsen, redactEntity, redactText, redactTextUnguarded } from './redact';
import { appeal } from '../test/support/hub-fixture';

describe('redactText removes personal data before anything is stored', () => {
  it.each([
    ['Иванов Иван Иванович просит помочь', 'Иванов', '[ФИО]'],
    ['Пишет Петрова А.С.: нет воды', 'Петрова', '[ФИО]'],
    ['С уважением, Ольга Сергеевна', 'Ольга', '[ФИО]'],
    ['Меня зовут Анна, г. Канаш', 'Анна', '[ФИО]'],
    ['звоните +7 (903) 123-45-67', '123-45-67', '[телефон]'],
    ['тел. 8-917-555-44-33', '555-44-33', '[телефон]'],
    ['пишите ivanov@mail.ru', 'ivanov@mail.ru', '[e-mail]'],
    ['СНИЛС 123-456-789 01', '123-456-789', '[СНИЛС]'],
    ['ИНН 212345678901', '212345678901', '[ИНН]'],
    ['паспорт 9704 123456', '123456', '[паспорт]'],
    ['ул. Ленина, д. 5, кв. 15', 'кв. 15', 'кв. [скрыто]'],
    ['в квартире 45 нет света', 'квартире 45', 'кв. [скрыто]'],
    ['пост @ivan_petrov', '@ivan_petrov', '[аккаунт]'],
    ['см. https://vk.com/wall-1_2', 'vk.com', '[ссылка]'],
    ['ЗАЯВИТЕЛЬ ИВАНОВ ИВАН', 'ИВАНОВ', '[ФИО]'],
    ['МЕНЯ ЗОВУТ Анна', 'Анна', '[ФИО]'],
  ])('%s', (input, secret, placeholder) => {
    const out = redactText(input);
    expect(out).not.toContain(secret);
    expect(out).toContain(placeholder);
  });

  it('keeps what the wall needs: topic words, towns and house-level addresses', () => {
    for (const t of [
      'Яма на проезжей части. г. Чебоксары, ул. Гагарина, д. 12.',
      'Нет отопления в школе № 5, Новочебоксарск',
      'Авария на сетях ТГК-5, Канашский округ',
    ]) {
      expect(redactText(t)).toBe(t);
    }
  });

  it('skips a rule only when it could not have matched (guards are never narrower than their rules)', () => {
    const alphabet = [...'АБВЗИКМОПСУЖЁабвзикмнопсуяжтелё .,:;№@-+()\n0123456789wht/p:.ruКВкв'];
    const piece = fc.oneof(
      fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 12 }),
      fc.constantFrom(
        'Иванов',
        'Иван',
        'Петровна',
        'И.',
        ' кв',
        'комн',
        'квартира',
        'меня зовут',
        'ЗАЯВИТЕЛЬ',
        'уважением,',
        'жительница',
        'паспорт',
        'серия',
        'ИНН',
        '+7',
        ' 8',
        'https://',
        'www.',
        'vk.com/',
        '@',
        'user@mail.ru',
      ),
    );
    const text = fc.array(piece, { maxLength: 12 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(text, (s) => redactText(s) === redactTextUnguarded(s)),
      { numRuns: 20_000 },
    );
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => redactText(redactText(s)) === redactText(s)));
  });
});

describe('coarsening', () => {
  it('moves an appeal point by at most ≈ 400 m onto a ≈ 500 m grid, deterministically', () => {
    fc.assert(
      fc.property(fc.double({ min: 46, max: 48.4, noNaN: true }), fc.double({ min: 54.7, max: 56.3, noNaN: true }), (lon, lat) => {
        const [x, y] = coarsen(lon, lat);
        const dx = (x - lon) * 111.2 * Math.cos((lat * Math.PI) / 180);
        const dy = (y - lat) * 111.2;
        expect(Math.hypot(dx, dy)).toBeLessThan(0.4);
        expect(coarsen(x, y)).toEqual([x, y]);
      }),
    );
  });

  it('coarsens appeals but keeps accident coordinates', () => {
    const a = redactEntity(appeal({ lon: 47.251234, lat: 56.131234 }));
    expect([a.lon, a.lat]).not.toEqual([47.251234, 56.131234]);
  });
});
