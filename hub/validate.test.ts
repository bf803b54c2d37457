import { describe, expect, it } from 'vitest';
import { entityKey, type Entity } from '../app/domain/entity';
import { makeAccident, makeAppeal, ENTITY_TIME } from '../test/support/entities';
import { RepublicShape } from './republic-shape';
import { checkEntity, EARLIEST_TIME, type ValidationContext } from './validate';

const republic = RepublicShape.load();
const units = RepublicShape.loadMunicipalities();
function ctx(over: Partial<ValidationContext> = {}): ValidationContext {
  return {
    now: ENTITY_TIME + 3_600_000,
    stored: () => undefined,
    insideRepublic: (lon, lat) => republic.contains(lon, lat),
    insideMunicipality: (oktmo, lon, lat) => units.get(oktmo)?.contains(lon, lat) ?? true,
    ...over,
  };
}
const reason = (e: unknown, c = ctx()) => {
  const r = checkEntity(e, c);
  return r.ok ? 'ok' : r.reason;
};

describe('semantic validation at ingest', () => {
  it('accepts the factories’ valid items', () => {
    expect(reason(makeAppeal())).toBe('ok');
    expect(reason(makeAccident())).toBe('ok');
  });

  it('maps an organisation sent by its exact name (or a former one) to its directory id; refuses an unknown one', () => {
    const byName = checkEntity(makeAccident({ operator: 'ТГК-5' }), ctx());
    expect(byName.ok && byName.value.kind === 'accident' && byName.value.operator).toBe('op-tplus');
    const byOfficial = checkEntity(makeAppeal({ org: 'Министерство здравоохранения Чувашской Республики' }), ctx());
    expect(byOfficial.ok && byOfficial.value.kind === 'appeal' && byOfficial.value.org).toBe('oiv-minzdrav');
    expect(reason(makeAppeal({ org: 'Иванов Иван Иванович' }))).toBe('unknown-org');
    expect(reason(makeAccident({ operator: 'ИП Петров' }))).toBe('unknown-org');
  });

  it('refuses answered before created and restored before started', () => {
    expect(reason(makeAppeal({ answeredAt: ENTITY_TIME - 1 }))).toBe('inconsistent-times');
    expect(reason(makeAccident({ restoredAt: ENTITY_TIME - 60_000 }))).toBe('inconsistent-times');
    expect(reason(makeAppeal({ answeredAt: ENTITY_TIME }))).toBe('ok');
  });

  it('refuses years before 2000 (seconds sent for milliseconds) and due times far ahead', () => {
    expect(reason(makeAppeal({ createdAt: Math.floor(ENTITY_TIME / 1000) }))).toBe('implausible-time');
    expect(reason(makeAccident({ startedAt: EARLIEST_TIME - 1, plannedRestoreAt: EARLIEST_TIME }))).toBe('implausible-time');
    expect(reason(makeAppeal({ dueAt: ENTITY_TIME + 3 * 365 * 86_400_000 }))).toBe('implausible-time');
    expect(reason(makeAppeal({ dueAt: ENTITY_TIME + 60 * 86_400_000 }))).toBe('ok');
  });

  it('refuses a point outside its own municipality (inside the republic), with a border tolerance', () => {
    // The centre of Канаш named as Чебоксары.
    expect(reason(makeAppeal({ municipality: '97701000', lon: 47.49, lat: 55.507 }))).toBe('outside-municipality');
    expect(reason(makeAppeal({ municipality: '97707000', lon: 47.49, lat: 55.507 }))).toBe('ok');
  });

  it('refuses a removed entity coming back with its old version (tombstone), accepts a newer one', () => {
    const removed = new Map<string, number>([[entityKey(makeAppeal()), 3]]);
    const c = ctx({ removedVersion: (k) => removed.get(k) });
    expect(reason(makeAppeal({ version: 3 }), c)).toBe('stale-version');
    expect(reason(makeAppeal({ version: 2 }), c)).toBe('stale-version');
    expect(reason(makeAppeal({ version: 4 }), c)).toBe('ok');
  });

  it('cleans bidi and zero-width characters before the directory lookup', () => {
    const r = checkEntity(makeAccident({ operator: '\u202Eop-tplus\u200B', address: 'ул.\u202E Ленина, д. 1' }), ctx());
    expect(r.ok && (r.value as Entity & { kind: 'accident' })).toMatchObject({ operator: 'op-tplus', address: 'ул. Ленина, д. 1' });
  });
});
