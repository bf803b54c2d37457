import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APPEAL_CHANNELS, APPEAL_SATISFACTION, APPEAL_STATUSES, AppealSchema, EntitySchema, type Appeal, type Entity } from '../domain/entity';
import { makeAccident, makeAppeal } from '../../test/support/entities';
import { COLUMN_CHUNK_SIZE, decodeSnapshotColumns, encodeSnapshotColumns, type SnapshotColumns } from './snapshot-columns';

const HEAD = { epoch: 'e1', seq: 42, chunk: 0, chunks: 1 };
const weather: Entity = { kind: 'weather', id: 'w1', version: 3, municipality: '97701000', lon: 47.25, lat: 56.13, at: 1_700_000_000_000, temperatureC: -12.5 };
const fullAppeal = makeAppeal({
  id: 'a-full',
  topic: 'Отопление',
  dueAt: 1_800_000_000_000,
  answeredAt: 1_700_000_100_000,
  accidentId: 'acc-1',
  registeredAt: 1_700_000_000_000,
  redirect: 'pending',
  satisfaction: 'unsatisfied',
  repeatOf: 'a0',
  status: 'answered',
  channel: 'written',
  importance: 'high',
});
/** An appeal with a field the columns do not carry (the full projection's address): sent as JSON. */
const withAddress = makeAppeal({ id: 'a-addr', address: 'ул. Мира' });
const MIXED: Entity[] = [
  makeAppeal(),
  makeAccident(),
  fullAppeal,
  withAddress,
  weather,
  makeAppeal({ id: 'a2', lon: -180, lat: 90, version: 0, createdAt: 0 }),
];

const decode = (m: unknown) => {
  const r = decodeSnapshotColumns(m);
  if (!r.ok) throw new Error(r.error);
  return r.snapshot;
};
/** The message as another process gets it: the binary part copied into a fresh buffer. */
const sent = (m: SnapshotColumns): SnapshotColumns => ({
  ...m,
  strings: [...m.strings],
  rest: structuredClone(m.rest),
  restAt: [...m.restAt],
  data: (m.data as Uint8Array).slice().buffer,
});
/** A copy of `m` whose binary part is changed by `edit` (a byte view of a copy). */
function tampered(m: SnapshotColumns, edit: (bytes: Uint8Array, n: number) => void): SnapshotColumns {
  const bytes = (m.data as Uint8Array).slice();
  edit(bytes, m.count);
  return { ...m, data: bytes };
}

describe('columnar snapshot chunks', () => {
  it('round-trips a mixed chunk: appeals in columns, the rest as JSON at their places, strings shared', () => {
    const m = encodeSnapshotColumns(HEAD, MIXED);
    expect(m.count).toBe(3);
    expect(m.restAt).toEqual([1, 3, 4]);
    expect(m.rest).toEqual([MIXED[1], withAddress, weather]);
    const out = decode(sent(m));
    expect(out).toMatchObject(HEAD);
    expect(out.entities).toStrictEqual(MIXED);
    for (const e of out.entities) expect(EntitySchema.safeParse(e).success).toBe(true);
    // A million appeals share their strings: each distinct string is in the table once.
    const many = Array.from({ length: 500 }, (_, i) => makeAppeal({ id: `b${i}` }));
    const big = encodeSnapshotColumns(HEAD, many);
    expect(big.strings.length).toBe(new Set(big.strings).size);
    expect(big.strings.length).toBeLessThan(10);
    const back = decode(sent(big)).entities as Appeal[];
    expect(back[7]!.title).toBe(back[8]!.title);
    expect(back).toStrictEqual(many);
  });

  it('decodes a Node Buffer at any offset, and an empty chunk', () => {
    const m = encodeSnapshotColumns(HEAD, MIXED);
    const raw = m.data as Uint8Array;
    const odd = new Uint8Array(raw.byteLength + 3);
    odd.set(raw, 3);
    expect(decode({ ...m, data: odd.subarray(3) }).entities).toStrictEqual(MIXED);
    expect(decode(encodeSnapshotColumns(HEAD, [])).entities).toEqual([]);
  });

  it('round-trips any valid appeal (property)', () => {
    const time = fc.integer({ min: 0, max: 8.64e15 });
    const idArb = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/);
    const appealArb = fc
      .record(
        {
          kind: fc.constant('appeal' as const),
          id: idArb,
          version: fc.nat(),
          municipality: fc.stringMatching(/^97\d{6}$/),
          lon: fc.double({ min: -180, max: 180, noNaN: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
          lat: fc.double({ min: -90, max: 90, noNaN: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
          channel: fc.constantFrom(...APPEAL_CHANNELS),
          sector: fc.string({ minLength: 1, maxLength: 40 }),
          topic: fc.string({ maxLength: 200 }),
          org: fc.string({ minLength: 1, maxLength: 64 }),
          importance: fc.constantFrom('normal' as const, 'high' as const),
          status: fc.constantFrom(...APPEAL_STATUSES),
          title: fc.string({ maxLength: 200 }),
          text: fc.string({ maxLength: 300 }),
          createdAt: time,
          dueAt: time,
          answeredAt: time,
          accidentId: idArb,
          registeredAt: time,
          redirect: fc.constantFrom('pending' as const, 'done' as const),
          satisfaction: fc.constantFrom(...APPEAL_SATISFACTION),
          repeatOf: idArb,
        },
        {
          requiredKeys: [
            'kind',
            'id',
            'version',
            'municipality',
            'lon',
            'lat',
            'channel',
            'sector',
            'org',
            'importance',
            'status',
            'title',
            'text',
            'createdAt',
          ],
        },
      )
      .map((a) => ({ ...a })); // a plain object, as JSON gives (fast-check's records have no prototype)
    fc.assert(
      fc.property(fc.array(fc.oneof(appealArb, fc.constant(makeAccident())), { maxLength: 40 }), (entities) => {
        for (const e of entities) expect(EntitySchema.safeParse(e).success).toBe(true);
        const out = decode(sent(encodeSnapshotColumns(HEAD, entities as Entity[])));
        expect(out.entities).toStrictEqual(entities);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a malformed chunk with a reason (a bad code, value, index, id or length)', () => {
    const m = encodeSnapshotColumns(HEAD, [makeAppeal(), makeAppeal({ id: 'a2', topic: 'Отопление', accidentId: 'x1' }), makeAccident()]);
    expect(decode(m).entities).toHaveLength(3);
    const n = m.count;
    // Offsets of the layout (snapshot-columns.ts): 7 Float64 columns, 9 Uint32, 5 Uint8, then ids.
    const f64 = (bytes: Uint8Array, k: number) => new Float64Array(bytes.buffer, 8 * n * k, n);
    const u32 = (bytes: Uint8Array, k: number) => new Uint32Array(bytes.buffer, 8 * n * 7 + 4 * n * k, n);
    const u8Base = 8 * n * 7 + 4 * n * 9;
    const broken: Array<[string, unknown]> = [
      ['a version that is not an integer', tampered(m, (b) => (f64(b, 0)[0] = 1.5))],
      ['a NaN longitude', tampered(m, (b) => (f64(b, 1)[1] = NaN))],
      ['a latitude out of range', tampered(m, (b) => (f64(b, 2)[0] = 91))],
      ['a negative time', tampered(m, (b) => (f64(b, 3)[0] = -1))],
      ['an optional time that is not one', tampered(m, (b) => (f64(b, 4)[0] = 1e300))],
      ['an id end beyond the bytes', tampered(m, (b) => (u32(b, 0)[1] = 999))],
      ['an empty id', tampered(m, (b) => (u32(b, 0)[0] = 0))],
      ['a string index out of the table', tampered(m, (b) => (u32(b, 1)[0] = 9999))],
      ['a municipality index pointing at a title (not an OKTMO code)', tampered(m, (b) => (u32(b, 1)[0] = u32(b, 5)[0]!))],
      ['an optional index out of the table', tampered(m, (b) => (u32(b, 3)[1] = 9999))],
      ['a channel code out of range', tampered(m, (b) => (b[u8Base] = 3))],
      ['a status code out of range', tampered(m, (b) => (b[u8Base + 2 * n + 1] = 200))],
      ['a satisfaction code out of range', tampered(m, (b) => (b[u8Base + 3 * n] = 3))],
      ['an id byte no id may hold', tampered(m, (b) => (b[u8Base + 5 * n] = 0x20))],
      ['a truncated buffer', { ...m, data: (m.data as Uint8Array).subarray(0, 100) }],
      ['extra id bytes', { ...m, data: new Uint8Array([...(m.data as Uint8Array), 65]) }],
      ['data that is not binary', { ...m, data: [1, 2, 3] }],
      ['an unknown format', { ...m, format: 2 }],
      ['a missing header field', { ...m, epoch: undefined }],
      ['an extra header field', { ...m, extra: 1 }],
      ['a count beyond the chunk size', { ...m, count: COLUMN_CHUNK_SIZE + 1 }],
      ['rest positions not increasing', { ...m, rest: [makeAccident(), makeAccident()], restAt: [2, 1] }],
      ['a rest position beyond the chunk', { ...m, restAt: [3] }],
      ['rest and positions of different lengths', { ...m, restAt: [] }],
      ['an invalid rest entity', { ...m, rest: [{ ...makeAccident(), residents: -1 }] }],
      ['a string the schema refuses (a municipality that is not an OKTMO code)', { ...m, strings: m.strings.map((s) => (s === '97701000' ? '12345678' : s)) }],
      ['a string that is not one', { ...m, strings: [...m.strings.slice(1), 5] }],
    ];
    for (const [what, bad] of broken) {
      const r = decodeSnapshotColumns(bad);
      expect(r.ok, what).toBe(false);
      if (!r.ok) expect(r.error.length, what).toBeGreaterThan(0);
    }
    // The same tampering that is harmless stays accepted (the test edits the right bytes).
    expect(decodeSnapshotColumns(tampered(m, (b) => (f64(b, 1)[1] = 12.5))).ok).toBe(true);
    expect(AppealSchema.safeParse(decode(tampered(m, (b) => (b[u8Base + 2 * n + 1] = 6))).entities[1]).success).toBe(true);
  });
});
