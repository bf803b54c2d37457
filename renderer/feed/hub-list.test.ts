import { describe, expect, it } from 'vitest';
import { HubRotation, hubList } from './hub-list';

describe('hubList', () => {
  it('starts at the page hub and goes round the hub parameter in its order', () => {
    expect(hubList('http://b:2', 'http://a:1,http://b:2, http://c:3/')).toEqual(['http://b:2', 'http://c:3', 'http://a:1']);
  });
  it('puts the page hub first when the parameter does not name it, and leaves out what is not an http(s) URL', () => {
    expect(hubList('http://p:9', 'nats://x:1,garbage,https://a:1')).toEqual(['http://p:9', 'https://a:1']);
    expect(hubList('http://p:9', null)).toEqual(['http://p:9']);
  });
});

describe('HubRotation', () => {
  it('goes round the nodes at once, then waits 1 s doubling to 5 s while every node fails', () => {
    const r = new HubRotation(3);
    expect([r.advance(), r.index]).toEqual([0, 1]);
    expect([r.advance(), r.index]).toEqual([0, 2]);
    expect([r.advance(), r.index]).toEqual([1000, 0]);
    expect([r.advance(), r.advance(), r.advance()]).toEqual([1000, 1000, 2000]);
    for (let i = 0; i < 9; i++) r.advance();
    expect(r.advance()).toBe(5000);
    r.connected();
    expect(r.advance()).toBe(0);
    expect(r.switches).toBe(17);
  });
  it('with one node, waits before connecting to it again', () => {
    const r = new HubRotation(1, { retryMs: 500 });
    expect([r.advance(), r.advance(), r.advance(), r.index]).toEqual([500, 1000, 2000, 0]);
  });
  it('counts a node lost after 2.5 heartbeat intervals of silence, 12 s before it knows the interval', () => {
    const r = new HubRotation(2);
    r.opened(0);
    expect(r.stallLimitMs()).toBe(12_000);
    r.message(5_000, false);
    expect(r.stalled(17_000)).toBe(false);
    expect(r.stalled(17_001)).toBe(true);
    r.message(20_000, true);
    r.message(21_000, true);
    expect(r.stallLimitMs()).toBe(2_500);
    expect(r.stalled(23_500)).toBe(false);
    expect(r.stalled(23_501)).toBe(true);
    // A new connection learns the interval again.
    r.opened(30_000);
    expect(r.stallLimitMs()).toBe(12_000);
  });
});
