import { describe, expect, it } from 'vitest';
import { AccidentSchema, AppealSchema } from '../app/domain/entity';
import { makeAccident, makeAppeal } from '../test/support/entities';
import { cleanEntityText, cleanText } from './clean-text';
import { project, projectDelta, publicEntity, projectionOf } from './projection';
import { publicAddress } from './public-address';

describe('public projection (an allowlist of controlled values)', () => {
  it('composes an appeal title from its topic and place, never from the citizen words', () => {
    const a = publicEntity(makeAppeal({ topic: 'housing.no-heat', title: 'Иванова Мария: нет тепла, ул. Ленина, д. 5', text: 'тел. 8-917-555-44-33' }));
    expect(a).toMatchObject({ title: 'Нет отопления — Чебоксары', text: '', topic: 'housing.no-heat' });
  });

  it('names the sector when the topic is not in the topic list, and drops the unknown topic', () => {
    const a = publicEntity(makeAppeal({ sector: 'roads', topic: 'жалоба Петрова на яму' }));
    expect(a).toMatchObject({ title: 'Дороги — Чебоксары' });
    expect(a).not.toHaveProperty('topic');
  });

  it('finds a topic by its exact label as well as by its id', () => {
    expect(publicEntity(makeAppeal({ topic: 'Яма на проезжей части', sector: 'roads' }))).toMatchObject({
      topic: 'roads.pothole',
      title: 'Яма на проезжей части — Чебоксары',
    });
  });

  it('keeps only directory organisations; anything else becomes «unmatched»', () => {
    expect(publicEntity(makeAppeal({ org: 'oiv-minzdrav' }))).toMatchObject({ org: 'oiv-minzdrav' });
    expect(publicEntity(makeAppeal({ org: 'Иванов И.И.' }))).toMatchObject({ org: 'unmatched' });
    expect(publicEntity(makeAccident({ operator: 'ИП Петров' }))).toMatchObject({ operator: 'unmatched' });
  });

  it('lists its fields: a field that is not listed never reaches a public screen', () => {
    const withExtra = { ...makeAppeal(), applicantKey: 'secret' } as unknown as Parameters<typeof publicEntity>[0];
    expect(publicEntity(withExtra)).not.toHaveProperty('applicantKey');
    const acc = publicEntity(makeAccident({ cause: 'Звонил Петров И.И.' }));
    expect(acc).not.toHaveProperty('cause');
    expect(AppealSchema.safeParse(publicEntity(makeAppeal())).success).toBe(true);
    expect(AccidentSchema.safeParse(acc).success).toBe(true);
  });

  it('is for /wall and /touch only', () => {
    expect(['wall', 'touch', 'presenter', 'admin', 'ingest'].map((r) => projectionOf(r as never))).toEqual(['public', 'public', 'full', 'full', 'full']);
  });
});

describe('public address: locality, street and house, nothing else', () => {
  it.each([
    ['г. Чебоксары, ул. Ленина, д. 5, кв. 12', 'г. Чебоксары, ул. Ленина, д. 5'],
    ['ул. Гражданская, д. 70', 'ул. Гражданская, д. 70'],
    ['пгт Урмары, ул. Ленина, д. 12, подъезд 2, звонить Петрову', 'пгт Урмары, ул. Ленина, д. 12'],
    ['г. Канаш, пр. Ленина, 15/2', 'г. Канаш, пр. Ленина, 15/2'],
    ['ул. К. Маркса, д. 3 корп. 1', 'ул. К. Маркса, д. 3 корп. 1'],
    ['у дома Иванова, во дворе', ''],
    ['Московский пр., 40', 'Московский пр., 40'],
  ])('%s → %s', (input, out) => expect(publicAddress(input)).toBe(out));
});

describe('invisible characters', () => {
  it('removes bidi overrides, isolates, zero-width and control characters from every text field', () => {
    expect(cleanText('ул.\u202E анинеЛ\u202C, д.\u200B 5\u0007')).toBe('ул. анинеЛ, д. 5');
    expect(cleanText('\u2066Ив\u200Dанов\u2069\uFEFF')).toBe('Иванов');
    expect(cleanText('строка 1\nстрока 2\tконец')).toBe('строка 1\nстрока 2\tконец');
    const a = makeAccident({ address: 'ул.\u202EЛенина', operator: 'op-tplus\u200B' });
    expect(cleanEntityText(a)).toMatchObject({ address: 'ул.Ленина', operator: 'op-tplus' });
    const clean = makeAppeal();
    expect(cleanEntityText(clean)).toBe(clean);
  });
});

describe('applicant and object keys stay off public screens', () => {
  it('drops applicantKey, objectKey and the appeal address; keeps satisfaction and an accident nature', () => {
    const a = publicEntity(makeAppeal({ applicantKey: 'a'.repeat(32), objectKey: 'b'.repeat(32), address: 'ул. Ленина', satisfaction: 'unsatisfied' }));
    expect(a).not.toHaveProperty('applicantKey');
    expect(a).not.toHaveProperty('objectKey');
    expect(a).not.toHaveProperty('address');
    expect(a).toMatchObject({ satisfaction: 'unsatisfied' });
    expect(publicEntity(makeAccident({ nature: 'planned' }))).toMatchObject({ nature: 'planned' });
  });
});

describe('the full projection (presenter, admin)', () => {
  it('keeps the stored entity but never the applicant and object keys; an entity without keys is passed as is', () => {
    const keyed = makeAppeal({ applicantKey: 'a'.repeat(32), objectKey: 'b'.repeat(32), repeatOf: 'x1' });
    const d = projectDelta({ epoch: 'e', seq: 1, upserts: [keyed], removes: [], serverTime: 0 }, 'full');
    expect(d.upserts[0]).not.toHaveProperty('applicantKey');
    expect(d.upserts[0]).not.toHaveProperty('objectKey');
    expect(d.upserts[0]).toMatchObject({ repeatOf: 'x1' });
    const plain = { epoch: 'e', seq: 2, upserts: [makeAppeal()], removes: [], serverTime: 0 };
    expect(projectDelta(plain, 'full')).toBe(plain);
    expect(project([keyed], 'full')[0]).not.toHaveProperty('applicantKey');
  });
});
