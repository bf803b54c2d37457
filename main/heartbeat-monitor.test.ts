import { describe, expect, it } from 'vitest';
import { backoffDelay, nextFailureCount } from './backoff';
import { HeartbeatMonitor } from './heartbeat-monitor';

describe('HeartbeatMonitor', () => {
  it('names the windows that went silent, counting from when they opened if they never reported', () => {
    const m = new HeartbeatMonitor();
    m.watch('main', 0);
    m.watch('screen-2', 0);
    m.watch('screen-3', 4_000);
    m.record('main', 100, 4_500);
    expect(m.silent(5_000, 5_000)).toEqual(['screen-2']);
    expect(m.silent(9_000, 5_000)).toEqual(['screen-2', 'screen-3']);
    expect(m.silent(9_500, 5_000)).toEqual(['main', 'screen-2', 'screen-3']);
    expect(m.last('main')).toEqual({ at: 4_500, frame: 100 });
  });

  it('forgets closed windows and restarts the clock when a window is watched again', () => {
    const m = new HeartbeatMonitor();
    m.watch('main', 0);
    m.forget('main');
    expect(m.silent(10_000, 1)).toEqual([]);
    m.record('main', 1, 0);
    m.watch('main', 8_000);
    expect(m.last('main')).toBeUndefined();
    expect(m.silent(10_000, 5_000)).toEqual([]);
    expect(m.keys()).toEqual(['main']);
  });
});

describe('backoff', () => {
  it('doubles from 1 s up to a minute', () => {
    expect([0, 1, 2, 3, 5, 6, 7, 100].map((a) => backoffDelay(a))).toEqual([1_000, 2_000, 4_000, 8_000, 32_000, 60_000, 60_000, 60_000]);
    expect(backoffDelay(-1)).toBe(1_000);
    expect(backoffDelay(Number.NaN)).toBe(1_000);
  });

  it('starts over after a page stayed up for a minute, keeps counting in a crash loop', () => {
    expect(nextFailureCount(0, 10)).toBe(1);
    expect(nextFailureCount(4, 10)).toBe(5);
    expect(nextFailureCount(4, 60_000)).toBe(1);
  });
});
