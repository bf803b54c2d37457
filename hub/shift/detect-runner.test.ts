import { describe, expect, it } from 'vitest';
import { DAY_MS, MINUTE_MS, mskTime } from '../../app/calendar/msk-time';
import { DEFAULT_DETECT_THRESHOLDS } from '../../app/detect/detect-thresholds';
import type { Appeal, Entity } from '../../app/domain/entity';
import type { Delta } from '../../app/protocol/feed';
import { makeAppeal } from '../../test/support/entities';
import type { RaiseInput } from '../alarms/alarm-store';
import { startDetectRunner } from './detect-runner';

const NOW = mskTime(2026, 2, 4, 10);
const KANASH = '97516000';

describe('detect runner', () => {
  it('counts an appeal once (its later versions are not new arrivals) and syncs its alarms under the origin detect', () => {
    const history: Appeal[] = Array.from({ length: 300 }, (_, i) =>
      makeAppeal({ id: `h${i}`, sector: 'roads', topic: 'roads.pothole', createdAt: NOW - 2 * DAY_MS - i * 3_600_000 }),
    );
    const surge = Array.from({ length: 6 }, (_, i) =>
      makeAppeal({ id: `s${i}`, municipality: KANASH, topic: 'housing.no-cold-water', createdAt: NOW - 40 * MINUTE_MS + i * 5 * MINUTE_MS }),
    );
    const listeners: ((d: Delta) => void)[] = [];
    const synced: { origin: string; inputs: readonly RaiseInput[] }[] = [];
    const runner = startDetectRunner({
      entities: () => history as Entity[],
      onDelta: (fn) => listeners.push(fn),
      alarms: { sync: (origin, inputs) => synced.push({ origin, inputs }) },
      thresholds: () => DEFAULT_DETECT_THRESHOLDS,
      now: () => NOW,
      intervalMs: 3_600_000,
    });
    const delta = (upserts: Entity[]): Delta => ({ epoch: 'e', seq: 1, upserts, removes: [], serverTime: NOW });
    listeners.forEach((fn) => fn(delta(surge)));
    expect(runner.runOnce().map((r) => [r.key, r.text])).toEqual([
      [`spike:${KANASH}:housing`, '6 сообщений о холодной воде в Канашском округе за час, обычно меньше одного'],
    ]);
    // The same appeals answered (version 2): still 6 arrivals, not 12.
    listeners.forEach((fn) => fn(delta(surge.map((a) => ({ ...a, version: 2, status: 'answered', answeredAt: NOW })))));
    expect(runner.runOnce().map((r) => r.text)).toEqual(['6 сообщений о холодной воде в Канашском округе за час, обычно меньше одного']);
    expect(runner.size).toBe(306);
    expect(synced.every((s) => s.origin === 'detect')).toBe(true);
    runner.close();
  });
});
