/**
 * The ingest stream of bench/hub.bench.ts: 80 batches of 500 new appeals (40,000 entity
 * changes), built the same way in the bench and in its producer thread.
 */
import type { Entity } from '../app/domain/entity';
import { makeAppeal } from '../test/support/entities';

export const BATCH = 500;
export const BATCHES = 80;

/** Appeal number `i` at version `v`. */
export function benchAppeal(now: number, i: number, v = 1): Entity {
  return makeAppeal({
    id: `bench-${i}`,
    version: v,
    lon: 47.2 + (i % 500) * 1e-4,
    lat: 56.1 + (i % 300) * 1e-4,
    title: 'Нет отопления в подъезде',
    text: 'Нет отопления с утра, дом 12 по ул. Гагарина',
    createdAt: now - 60_000,
  });
}

export function benchBatches(now: number): Entity[][] {
  return Array.from({ length: BATCHES }, (_, b) => Array.from({ length: BATCH }, (_, k) => benchAppeal(now, b * BATCH + k)));
}
