import { describe, expect, it } from 'vitest';
import type { Weather } from '../domain/entity';
import { DeltaSchema, SnapshotSchema } from '../protocol/feed';
import { applyDelta, applySnapshotChunk, createEntityStore, onHello } from './entity-store';
import { makeAccident } from '../../test/support/entities';

// Issue 11: weather readings travel in snapshots and deltas like any entity; a new reading of a
// place replaces the last one (higher version), a removal drops it.
const T0 = 1_790_000_000_000;
const reading = (version: number, temperatureC: number): Weather => ({
  kind: 'weather',
  id: 'weather-97701000',
  version,
  municipality: '97701000',
  lon: 47.25,
  lat: 56.13,
  at: T0 + version * 3_600_000,
  temperatureC,
});

describe('entity store with weather', () => {
  it('stores a reading from a snapshot, replaces it by the next reading, drops it on removal', () => {
    const store = createEntityStore();
    onHello(store, { protocol: 1, epoch: 'E', headSeq: 1, serverTime: T0 });
    const snap = SnapshotSchema.parse({ epoch: 'E', seq: 1, chunk: 0, chunks: 1, entities: [makeAccident(), reading(1, -12)] });
    expect(applySnapshotChunk(store, snap)).toEqual({ type: 'snapshot-complete', size: 2 });
    expect(store.entities.get('weather:weather-97701000')).toMatchObject({ temperatureC: -12 });
    applyDelta(store, DeltaSchema.parse({ epoch: 'E', seq: 2, upserts: [reading(2, -3)], removes: [], serverTime: T0 }));
    expect(store.entities.get('weather:weather-97701000')).toMatchObject({ version: 2, temperatureC: -3 });
    applyDelta(store, DeltaSchema.parse({ epoch: 'E', seq: 3, upserts: [], removes: [{ kind: 'weather', id: 'weather-97701000' }], serverTime: T0 }));
    expect(store.entities.has('weather:weather-97701000')).toBe(false);
    expect(store.entities.size).toBe(1);
  });
});
