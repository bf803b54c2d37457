import { describe, expect, it } from 'vitest';
import type { Appeal, Entity } from '../app/domain/entity';
import { DemoSource } from './demo-source';

const OPEN = new Set(['new', 'in_progress', 'intermediate', 'answered']);
const NOW = Date.UTC(2026, 10, 25, 9); // a November weekday, heating season

/** Latest version of every entity after applying the changes in order. */
function state(...changes: { upserts: readonly Entity[] }[]): Map<string, Entity> {
  const m = new Map<string, Entity>();
  for (const c of changes) for (const e of c.upserts) m.set(`${e.kind}:${e.id}`, e);
  return m;
}
const openAppeals = (s: Map<string, Entity>) => [...s.values()].filter((e) => e.kind === 'appeal' && OPEN.has(e.status)).length;
const activeAccidents = (s: Map<string, Entity>) => [...s.values()].filter((e) => e.kind === 'accident' && e.status === 'active').length;

describe('DemoSource', () => {
  it('keeps the back-filled open items open on the first live ticks at ×60 (the history was lived at real speed)', () => {
    const demo = new DemoSource({ seed: 3, speed: 60, backfillDays: 30 });
    const history = demo.backfill(NOW);
    const before = state(history);
    expect(openAppeals(before)).toBeGreaterThan(50);
    const ticks = Array.from({ length: 5 }, (_, i) => demo.tick(NOW + (i + 1) * 1000, 1000));
    const after = state(history, ...ticks);
    // Five real seconds: a back-filled item moves only if its real next step fell in them.
    const backfilled = [...before.values()].filter((e): e is Appeal => e.kind === 'appeal' && OPEN.has(e.status));
    const moved = backfilled.filter((e) => (after.get(`appeal:${e.id}`) as Appeal).status !== e.status);
    expect(moved.length).toBeLessThanOrEqual(2);
    expect(activeAccidents(after)).toBeGreaterThanOrEqual(activeAccidents(before) - 1);
  });

  it('lives the new items `speed` times faster', () => {
    const demo = new DemoSource({ seed: 4, speed: 600, backfillDays: 0 });
    demo.backfill(NOW);
    const changes = Array.from({ length: 600 }, (_, i) => demo.tick(NOW + (i + 1) * 1000, 1000));
    // Ten real minutes at ×600 are ≈ 4 simulated days: appeals created live get answered.
    const s = state(...changes);
    const appeals = [...s.values()].filter((e) => e.kind === 'appeal');
    expect(appeals.length).toBeGreaterThan(100);
    expect(appeals.filter((e) => e.status === 'answered' || e.status === 'closed').length).toBeGreaterThan(appeals.length / 4);
  });
});
