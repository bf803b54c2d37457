import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EntitySchema } from '../../app/domain/entity';
import { DeltaSchema, SnapshotSchema } from '../../app/protocol/feed';
import { mulberry32 } from '../../app/random';
import { makeAccident, makeAppeal } from '../../test/support/entities';
import { compileFastCheck } from './fast-check';

const weather = {
  kind: 'weather',
  id: 'w1',
  version: 3,
  municipality: '97701000',
  lon: 47.25,
  lat: 56.13,
  at: 1_700_000_000_000,
  temperatureC: -12.5,
  source: 'Росгидромет',
};
const fullAppeal = makeAppeal({
  topic: 'Отопление',
  dueAt: 1_800_000_000_000,
  answeredAt: 1_700_000_100_000,
  accidentId: 'acc-1',
  registeredAt: 1_700_000_000_000,
  redirect: 'pending',
  satisfaction: 'satisfied',
  applicantKey: 'abcdef0123456789',
  address: 'ул. Мира',
  objectKey: '0123456789abcdef0123',
  repeatOf: 'a0',
});
const VALID: object[] = [
  makeAppeal(),
  fullAppeal,
  makeAccident(),
  makeAccident({ nature: 'planned', cause: 'ремонт', restoredAt: 1_700_000_000_000, status: 'resolved' }),
  weather,
];

/** Values that break a field of some kind: wrong type, out of range, not an integer, not finite… */
const BAD_VALUES: unknown[] = [
  null,
  undefined,
  true,
  {},
  [],
  '',
  'x'.repeat(201),
  'x'.repeat(2001),
  'Z',
  '97',
  '9770100',
  '977010000',
  'ABCDEF0123456789',
  'a b',
  'ул. <script>',
  -1,
  0.5,
  1.5,
  -181,
  181,
  -91,
  91,
  8.64e15 + 1,
  Number.MAX_SAFE_INTEGER + 2,
  NaN,
  Infinity,
  -Infinity,
  'appeal',
  'accident',
  'weather',
  'closed',
  'heat',
  'bogus',
  -71,
  61,
  2_000_001,
  100_001,
  10_001,
];

const fast = compileFastCheck(EntitySchema)!;
const zodOk = (v: unknown) => EntitySchema.safeParse(v).success;

/** Every verdict of the fast check that says "valid" must be zod's, and zod must give the value back unchanged. */
function agrees(v: unknown): void {
  const f = fast(v);
  const parsed = EntitySchema.safeParse(v);
  if (f) {
    expect(parsed.success, JSON.stringify(v)).toBe(true);
    expect(parsed.data).toEqual(v);
  }
  // Exact for these schemas, not only safe: zod's rejections are its rejections, and so are its
  // acceptances, but for a key set to undefined (JSON has none), which it leaves to zod.
  const undefinedKey = typeof v === 'object' && v !== null && Object.values(v).includes(undefined);
  expect(f, JSON.stringify(v)).toBe(parsed.success && !undefinedKey);
}

describe('the fast check compiled from the entity schemas', () => {
  it('compiles the entity, snapshot and delta schemas (the feed bulk path)', () => {
    expect(compileFastCheck(EntitySchema)).not.toBeNull();
    expect(compileFastCheck(SnapshotSchema)).not.toBeNull();
    expect(compileFastCheck(DeltaSchema)).not.toBeNull();
  });

  it('accepts every valid entity, as zod does', () => {
    for (const v of VALID) {
      expect(zodOk(v)).toBe(true);
      expect(fast(v)).toBe(true);
    }
  });

  it('gives zod’s verdict for every field of every kind set to each broken value, removed, or with an extra key', () => {
    let rejected = 0;
    for (const v of VALID) {
      const keys = [...new Set([...Object.keys(v), ...Object.keys(fullAppeal), ...Object.keys(makeAccident()), ...Object.keys(weather)])];
      for (const key of keys) {
        for (const bad of BAD_VALUES) {
          const broken = { ...v, [key]: bad };
          agrees(broken);
          if (!fast(broken)) rejected++;
        }
        const { [key]: _, ...without } = v as Record<string, unknown>;
        agrees(without);
      }
      agrees({ ...v, extra: 1 });
      agrees(JSON.parse(`{"__proto__": 1, ${JSON.stringify(v).slice(1)}`));
    }
    expect(rejected).toBeGreaterThan(1000);
    for (const v of [null, 1, 'appeal', [], [makeAppeal()], { kind: 'weather' }, { kind: 'other', id: 'x' }]) agrees(v);
  });

  it('agrees with zod on random mixtures of valid and broken fields', () => {
    const rnd = mulberry32(13);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    for (let i = 0; i < 3000; i++) {
      const v: Record<string, unknown> = { ...pick(VALID) };
      const donor = pick(VALID) as Record<string, unknown>;
      for (let k = 0; k < 3; k++) {
        const key = pick(Object.keys(donor));
        v[key] = rnd() < 0.5 ? donor[key] : pick(BAD_VALUES);
      }
      agrees(v);
    }
  });

  it('checks a snapshot chunk whole: envelope, entities and their count', () => {
    const ok = compileFastCheck(SnapshotSchema)!;
    const chunk = { epoch: 'e1', seq: 4, chunk: 0, chunks: 2, entities: VALID };
    expect(ok(chunk)).toBe(true);
    for (const broken of [
      { ...chunk, chunks: 0 },
      { ...chunk, seq: -1 },
      { ...chunk, epoch: '' },
      { ...chunk, entities: [...VALID, { ...makeAppeal(), lat: 100 }] },
      { ...chunk, entities: Array(1001).fill(makeAppeal()) },
      { ...chunk, extra: true },
    ]) {
      expect(ok(broken)).toBe(false);
      expect(SnapshotSchema.safeParse(broken).success).toBe(false);
    }
  });

  it('compiles nothing it does not know: transforms, defaults, refinements, stripping objects', () => {
    expect(compileFastCheck(z.string().transform((s) => s.length))).toBeNull();
    expect(compileFastCheck(z.strictObject({ a: z.number().default(1) }))).toBeNull();
    expect(compileFastCheck(z.string().refine((s) => s !== 'x'))).toBeNull();
    expect(compileFastCheck(z.object({ a: z.string() }))).toBeNull();
    expect(compileFastCheck(z.string().email())).toBeNull();
  });
});
