import { describe, expect, it } from 'vitest';
import { entityKey, type Accident, type Appeal, type Entity } from '../../../app/domain/entity';
import type { Delta, Snapshot } from '../../../app/protocol/feed';
import { applyDelta, applySnapshotChunk, createEntityStore } from '../../../app/store/entity-store';
import type { MapFrame } from '../frame';
import { BufferPool } from './buffer-pool';
import { MapEncoder } from './map-encoder';
import { SnapshotStaging } from './snapshot-staging';
import { makeAccident, makeAppeal } from '../../../test/support/entities';

const T0 = Date.UTC(2025, 10, 3, 9);
const HOUR = 3_600_000;

/** Appeal `i`: the fields the encoder reads vary with `i` (test/support's valid appeal underneath). */
const appeal = (i: number, over: Partial<Appeal> = {}): Appeal =>
  makeAppeal({
    id: `a${i}`,
    municipality: i % 2 ? '97701000' : '97516000',
    lon: 47 + i * 0.01,
    lat: 56 + (i % 7) * 0.01,
    channel: (['written', 'social', 'pos'] as const)[i % 3],
    sector: (['roads', 'housing', 'health'] as const)[i % 3],
    status: (['new', 'closed', 'in_progress'] as const)[i % 3],
    createdAt: T0 - (i % 50) * HOUR,
    ...(i % 5 === 0 ? { accidentId: 'x1' } : {}),
    ...over,
  });
const accident = (id: string, over: Partial<Accident> = {}): Accident =>
  makeAccident({ id, municipality: '97701000', lon: 47.3, lat: 56.1, startedAt: T0 - 8 * HOUR, plannedRestoreAt: T0 + 6 * HOUR, ...over });

/** A frame as sorted rows per layer: the same points whatever their slots. */
function picture(f: MapFrame): Record<string, unknown> {
  const out: Record<string, unknown> = { municipalities: f.municipalities };
  for (const [name, layer] of Object.entries(f)) {
    if (name === 'municipalities' || !layer || typeof layer !== 'object' || !('count' in layer)) continue;
    const l = layer as unknown as Record<string, unknown> & { count: number };
    const arrays = Object.entries(l).filter(([, v]) => ArrayBuffer.isView(v) && (v as Float32Array).length >= l.count) as [string, Float32Array][];
    const rows: string[] = [];
    for (let i = 0; i < l.count; i++)
      rows.push(arrays.map(([k, a]) => `${k}=${[...a.subarray((i * a.length) / l.count, ((i + 1) * a.length) / l.count)].join(',')}`).join(' '));
    out[name] = rows.sort();
  }
  return out;
}

function chunks(entities: Entity[], size: number, seq: number): Snapshot[] {
  const n = Math.ceil(entities.length / size);
  return Array.from({ length: n }, (_, c) => ({ epoch: 'e1', seq, chunk: c, chunks: n, entities: entities.slice(c * size, (c + 1) * size) }));
}

describe('SnapshotStaging', () => {
  it('encodes a snapshot chunk by chunk, with a re-sent key and the deltas buffered meanwhile, to the same picture as encoding the store at the end', () => {
    const store = createEntityStore();
    const base = new MapEncoder({ municipalitySet: '2025' });
    const staging = new SnapshotStaging();
    const entities: Entity[] = [accident('x1'), ...Array.from({ length: 250 }, (_, i) => appeal(i)), appeal(3, { version: 2, status: 'closed' })];
    // Overdue ones (a social post unanswered for days): the layer the SLA clocks decide.
    for (let i = 0; i < 5; i++) entities.push(appeal(300 + i, { channel: 'social', status: 'new', createdAt: T0 - 100 * HOUR }));
    const parts = chunks(entities, 40, 10);
    const deltas: Delta[] = [
      { epoch: 'e1', seq: 9, upserts: [appeal(900)], removes: [], serverTime: T0 }, // older than the snapshot: skipped
      { epoch: 'e1', seq: 11, upserts: [appeal(7, { version: 3, status: 'answered' }), appeal(901)], removes: [{ kind: 'appeal', id: 'a8' }], serverTime: T0 },
      { epoch: 'e1', seq: 12, upserts: [accident('x2')], removes: [{ kind: 'appeal', id: 'a901' }], serverTime: T0 },
    ];
    let last = null;
    for (const [i, part] of parts.entries()) {
      if (i === 2) for (const d of deltas) applyDelta(store, d);
      const buffered = store.buffered;
      // As the feed worker does: one key per entity, shared by the store and the staging.
      const keys = part.entities.map(entityKey);
      const out = applySnapshotChunk(store, part, keys);
      staging.chunk(part, out, buffered, base, T0, keys);
      last = out;
    }
    expect(last).toEqual({ type: 'snapshot-complete', size: store.entities.size });
    expect(store.seq).toBe(12);
    const staged = staging.take(base)!;
    expect(staged).not.toBeNull();
    const whole = new MapEncoder(base.options);
    whole.reset(store.entities.values(), T0);
    const pool = new BufferPool();
    expect(staged.takeCounts()).toEqual(whole.takeCounts());
    for (const [k, e] of store.entities) expect(k).toBe(entityKey(e));
    expect(store.entities.size).toBe(256); // 251 keys + 5 overdue; + a901 − a8 + x2 − a901
    // Staged without SLA clocks: the overdue appeals are drawn with the open ones until the
    // first sweep computes their clocks (after the first frame), then the pictures agree.
    const overdue = whole.flush(pool, { all: true })!;
    expect(overdue.breaches!.count).toBeGreaterThan(0);
    const early = staged.flush(pool, { all: true })!;
    expect(early.breaches!.count).toBe(0);
    expect(early.appeals!.count + early.closed!.count).toBe(overdue.appeals!.count + overdue.closed!.count + overdue.breaches!.count);
    staged.sweep(T0);
    expect(staged.sweeping).toBe(false);
    expect(picture(staged.flush(pool, { all: true })!)).toEqual(picture(whole.flush(pool, { all: true })!));
    // Taken once.
    expect(staging.take(base)).toBeNull();
  });

  it('stages exact SLA states when it replaces a picture already on the wall: breaches are not hidden until the sweeps', () => {
    const entities: Entity[] = Array.from({ length: 5 }, (_, i) => appeal(300 + i, { channel: 'social', status: 'new', createdAt: T0 - 100 * HOUR }));
    const pool = new BufferPool();
    const run = (base: MapEncoder) => {
      const store = createEntityStore();
      const staging = new SnapshotStaging();
      for (const part of chunks(entities, 2, 20)) staging.chunk(part, applySnapshotChunk(store, part), store.buffered, base, T0);
      return staging.take(base)!.flush(pool, { all: true })!;
    };
    // A cold start (nothing drawn yet): drawn as on time, the sweeps find the breaches.
    expect(run(new MapEncoder({ municipalitySet: '2025' })).breaches!.count).toBe(0);
    // A resync on a running wall: the breaches are in the first frame of the new picture.
    const running = new MapEncoder({ municipalitySet: '2025' });
    running.reset([appeal(1)], T0);
    expect(running.hasEntities()).toBe(true);
    expect(run(running).breaches!.count).toBe(5);
  });

  it('drops a snapshot the store dropped (a chunk out of order), and gives nothing for an encoder with other options', () => {
    const store = createEntityStore();
    const base = new MapEncoder({ municipalitySet: '2025' });
    const staging = new SnapshotStaging();
    const parts = chunks(
      Array.from({ length: 30 }, (_, i) => appeal(i)),
      10,
      5,
    );
    let out = applySnapshotChunk(store, parts[0]!);
    staging.chunk(parts[0]!, out, [], base, T0);
    out = applySnapshotChunk(store, parts[2]!);
    expect(out.type).toBe('resync');
    staging.chunk(parts[2]!, out, [], base, T0);
    expect(staging.take(base)).toBeNull();

    const again = createEntityStore();
    for (const part of parts) staging.chunk(part, applySnapshotChunk(again, part), [], base, T0);
    expect(staging.take(new MapEncoder({ municipalitySet: '2025' }))).toBeNull();
    for (const part of parts) staging.chunk(part, applySnapshotChunk(again, part), [], base, T0);
    expect(staging.take(base)?.takeCounts()).toMatchObject({ appeals: 30 });
  });
});
