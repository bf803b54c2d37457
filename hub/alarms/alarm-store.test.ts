import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AlarmRecordSchema } from '../../app/alarms/alarm-record';
import { MemoryFeedLog } from '../feed-log';
import { SqliteFeedLog } from '../sqlite-log';
import { AlarmStore, type AlarmBus, type AlarmChange, type AlarmOp } from './alarm-store';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function clock(start = 1_780_000_000_000) {
  let t = start;
  return { now: () => t, tick: (ms = 1000) => (t += ms) };
}

describe('AlarmStore', () => {
  it('raises once per key while active, acks with a name (and a comment when critical), clears; a new raise after the clear is a new record', () => {
    const c = clock();
    const store = new AlarmStore({ now: c.now, persist: new MemoryFeedLog() });
    const changes: AlarmChange['kind'][] = [];
    store.onChange((ch) => changes.push(ch.kind));
    const a = store.raise({ rule: 'spike', severity: 'critical', entity: null, text: '12 сообщений о холодной воде', key: 'spike:cold:97707000' });
    expect(AlarmRecordSchema.parse(a)).toEqual(a);
    c.tick();
    expect(store.raise({ rule: 'spike', severity: 'critical', text: '12 сообщений о холодной воде', key: 'spike:cold:97707000' }).id).toBe(a.id);
    expect(store.ack(a.id, null, 'ok')).toEqual({ ok: false, error: 'квитирование требует имени дежурного: войдите по PIN' });
    expect(store.ack(a.id, 'Иванов И. И.', '')).toEqual({ ok: false, error: 'для критической тревоги нужен комментарий (что сделано)' });
    const acked = store.ack(a.id, 'Иванов И. И.', 'вызвана аварийная служба');
    expect(acked.ok && acked.record).toMatchObject({ ackedBy: 'Иванов И. И.', comment: 'вызвана аварийная служба', ackedAt: c.now(), clearedAt: null });
    // Acknowledged, still active until cleared.
    expect(store.active().map((r) => r.id)).toEqual([a.id]);
    c.tick();
    expect(store.clear('spike:cold:97707000')?.clearedAt).toBe(c.now());
    expect(store.active()).toEqual([]);
    expect(store.clear(a.id)).toBeNull();
    c.tick();
    const b = store.raise({ rule: 'spike', severity: 'critical', text: 'снова', key: 'spike:cold:97707000' });
    expect(b.id).not.toBe(a.id);
    expect(changes).toEqual(['raised', 'acked', 'cleared', 'raised']);
    expect(store.list({ state: 'all' }).map((r) => r.id)).toEqual([b.id, a.id]);
    expect(store.list({ state: 'all', from: b.raisedAt }).map((r) => r.id)).toEqual([b.id]);
  });

  it('sync clears only its own origin; order is severity, then the oldest', () => {
    const c = clock();
    const store = new AlarmStore({ now: c.now });
    store.raise({ rule: 'silence', severity: 'warning', text: 'тишина', key: 'silence:pos' });
    store.sync('rules', [
      { rule: 'r1', severity: 'major', text: 'x', key: 'r1:accident:A1', since: 5 },
      { rule: 'r2', severity: 'critical', text: 'y', key: 'r2:accident:A2', since: 9 },
    ]);
    expect(store.active().map((r) => r.key)).toEqual(['r2:accident:A2', 'r1:accident:A1', 'silence:pos']);
    store.sync('rules', [{ rule: 'r1', severity: 'major', text: 'x', key: 'r1:accident:A1', since: 5 }]);
    expect(store.active().map((r) => r.key)).toEqual(['r1:accident:A1', 'silence:pos']);
  });

  it('keeps records in SQLite: active ones (and their acknowledgement) survive a restart; cleared ones stay listable', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cur-alarms-'));
    dirs.push(dir);
    const c = clock();
    let log = new SqliteFeedLog({ dir, now: c.now });
    let store = new AlarmStore({ now: c.now, persist: log });
    const a = store.raise({ rule: 'r1', severity: 'major', text: 'x', key: 'r1:accident:A1' });
    c.tick();
    const b = store.raise({ rule: 'r2', severity: 'warning', text: 'y', key: 'r2:appeal:P1' });
    store.ack(a.id, 'Петрова А. А.', null);
    c.tick();
    store.clear(b.id);
    log.close();
    log = new SqliteFeedLog({ dir, now: c.now });
    store = new AlarmStore({ now: c.now, persist: log });
    expect(store.active()).toMatchObject([{ id: a.id, ackedBy: 'Петрова А. А.', clearedAt: null }]);
    expect(store.list({ state: 'all' }).map((r) => [r.id, r.clearedAt !== null])).toEqual([
      [b.id, true],
      [a.id, false],
    ]);
    // A just-cleared record can still be acknowledged by its id.
    expect(store.ack(b.id, 'Петрова А. А.', null).ok).toBe(true);
    log.close();
  });

  it('cluster: words that change back within the duplicate window still reach every node (message ids differ)', async () => {
    // The cluster's stream as NATS JetStream keeps it: in order, a message id stored once within its window.
    const stored: AlarmOp[] = [];
    const seen = new Set<string>();
    const appliers: Array<(op: AlarmOp) => void> = [];
    const ids: string[] = [];
    const bus: AlarmBus = {
      publish: async (op, msgID) => {
        ids.push(msgID);
        if (seen.has(msgID)) return;
        seen.add(msgID);
        stored.push(op);
        for (const apply of appliers) apply(op);
      },
      attach: async (apply) => {
        appliers.push(apply);
        for (const op of stored) apply(op);
      },
    };
    const c = clock();
    const one = new AlarmStore({ now: c.now, bus });
    const two = new AlarmStore({ now: c.now, bus });
    await Promise.all([one.ready, two.ready]);
    const settle = () => new Promise((r) => setTimeout(r, 10));
    const say = async (store: AlarmStore, text: string) => {
      store.raise({ rule: 'r1', severity: 'major', text, key: 'r1:accident:A1' });
      await settle();
      c.tick();
    };
    // Both nodes raise at once (each before it has applied the other's): one message id, stored once.
    two.raise({ rule: 'r1', severity: 'major', text: 'Давление 2 атм', key: 'r1:accident:A1' });
    await say(one, 'Давление 2 атм');
    expect(stored).toHaveLength(1);
    await say(one, 'Давление 1 атм');
    await say(one, 'Давление 2 атм'); // back to the first words, seconds later
    for (const store of [one, two]) expect(store.active().map((r) => r.text)).toEqual(['Давление 2 атм']);
    await say(two, 'Давление 1 атм'); // and again
    expect(ids[0]).toBe(ids[1]);
    expect(new Set(ids).size).toBe(ids.length - 1);
    for (const store of [one, two]) expect(store.active().map((r) => r.text)).toEqual(['Давление 1 атм']);
    // After a clear a new record starts its own count.
    one.clear('r1:accident:A1');
    await settle();
    await say(two, 'Давление 2 атм');
    for (const store of [one, two]) expect(store.active().map((r) => r.text)).toEqual(['Давление 2 атм']);
  });
});
