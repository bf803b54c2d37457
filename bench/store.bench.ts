/**
 * Entity store: applying deltas (validated at the boundary with the zod schema, as the worker
 * does) against a baseline measured in the same run: `JSON.parse` + `Map.set` with no
 * validation and no protocol checks. Prints figures and the ratio; asserts nothing.
 */
import type { Entity } from '../app/domain/entity';
import { DeltaSchema, type Delta } from '../app/protocol/feed';
import { applyDelta, applySnapshotChunk, createEntityStore } from '../app/store/entity-store';
import { makeAppeal } from '../test/support/entities';

const N_DELTAS = 20_000;
const BATCH = 5;

const appeal = (i: number, v: number): Entity => makeAppeal({ id: `b-${i}`, version: v, lon: 47.25 + (i % 100) * 1e-3, createdAt: 1_764_000_000_000 });

const wire: string[] = [];
for (let s = 1; s <= N_DELTAS; s++) {
  const d: Delta = {
    epoch: 'bench',
    seq: s,
    upserts: Array.from({ length: BATCH }, (_, k) => appeal((s * BATCH + k) % 50_000, s)),
    removes: [],
    serverTime: 0,
  };
  wire.push(JSON.stringify(d));
}

function time(label: string, fn: () => void): number {
  fn(); // warm-up
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    fn();
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  const median = runs[2]!;
  console.log(`  ${label.padEnd(44)} ${median.toFixed(1).padStart(8)} ms  ${((N_DELTAS * BATCH) / (median / 1000) / 1000).toFixed(0).padStart(6)} k changes/s`);
  return median;
}

console.log(`store: ${N_DELTAS} deltas × ${BATCH} upserts (median of 5)`);
const base = time('baseline: JSON.parse + Map.set', () => {
  const m = new Map<string, unknown>();
  for (const w of wire) for (const e of (JSON.parse(w) as Delta).upserts) m.set(`${e.kind}:${e.id}`, e);
});
const ours = time('ours: JSON.parse + zod + entity store', () => {
  const st = createEntityStore();
  applySnapshotChunk(st, { epoch: 'bench', seq: 0, chunk: 0, chunks: 1, entities: [] });
  for (const w of wire) applyDelta(st, DeltaSchema.parse(JSON.parse(w)));
});
console.log(`  ratio ours/baseline time: ${(ours / base).toFixed(2)}× (validation is the price of a boundary that never trusts the feed)`);
