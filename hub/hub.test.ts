/**
 * Integration: a real hub on port 0 with real socket.io clients (no mocks).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROLES } from '../app/protocol/feed';
import { appeal, FeedClient, startTestHub, waitFor } from '../test/support/hub-fixture';
import { SqliteFeedLog } from './sqlite-log';
import { startHub } from './start-hub';
import { DEV_TOKENS } from './tokens';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function hub(opts: Parameters<typeof startTestHub>[0] = {}) {
  const h = await startTestHub(opts);
  cleanups.push(() => h.close());
  return h;
}
function client(...args: ConstructorParameters<typeof FeedClient>) {
  const c = new FeedClient(...args);
  cleanups.push(() => c.close());
  return c;
}

describe('hub feed', () => {
  it('gives a new wall a snapshot consistent at one seq, then contiguous deltas', async () => {
    const h = await hub();
    const first = Array.from({ length: 2500 }, () => appeal());
    await h.hub.publish({ upserts: first, removes: [] });
    const wall = client(h.url, 'wall');
    await wall.waitForSeq(1);
    expect(wall.snapshots.map((s) => s.chunk)).toEqual([0, 1, 2]);
    expect(wall.store.entities.size).toBe(2500);

    for (let i = 0; i < 20; i++) await h.hub.publish({ upserts: [appeal()], removes: i === 5 ? [{ kind: 'appeal', id: first[0]!.id }] : [] });
    await wall.waitForSeq(21);
    expect(wall.deltas.map((d) => d.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(wall.store.entities.size).toBe(2500 + 20 - 1);
    expect(wall.store.stats.gaps + wall.store.stats.duplicates).toBe(0);
  });

  it('sends hello with protocol 1, epoch and head, and heartbeats while idle', async () => {
    const h = await hub({ heartbeatMs: 100 });
    await h.hub.publish({ upserts: [appeal()], removes: [] });
    const wall = client(h.url, 'wall');
    await wall.waitForSeq(1);
    expect(wall.hellos[0]).toMatchObject({ protocol: 1, epoch: h.log.epoch, headSeq: 1 });
    await waitFor(
      () => wall.raw.filter((r) => r.event === 'feed:heartbeat').length >= 2,
      3000,
      () => 'two heartbeats',
    );
  });

  it('resumes a reconnecting client from the log without a new snapshot', async () => {
    const h = await hub();
    await h.hub.publish({ upserts: [appeal()], removes: [] });
    const wall = client(h.url, 'wall');
    await wall.waitForSeq(1);
    wall.socket.disconnect();
    for (let i = 0; i < 5; i++) await h.hub.publish({ upserts: [appeal()], removes: [] });
    const snapshotsBefore = wall.snapshots.length;
    wall.socket.connect();
    await wall.waitForSeq(6);
    expect(wall.snapshots.length).toBe(snapshotsBefore);
    expect(wall.store.entities.size).toBe(h.log.size);
  });

  it('falls back to a snapshot when the log no longer holds the missing changes', async () => {
    const h = await hub({ retain: 3 });
    await h.hub.publish({ upserts: [appeal()], removes: [] });
    const wall = client(h.url, 'wall');
    await wall.waitForSeq(1);
    wall.socket.disconnect();
    for (let i = 0; i < 10; i++) await h.hub.publish({ upserts: [appeal()], removes: [] });
    wall.socket.connect();
    await wall.waitForSeq(11);
    expect(wall.snapshots.filter((s) => s.chunk === 0)).toHaveLength(2);
    expect(wall.store.entities.size).toBe(11);
  });

  it('repairs a lost delta from the next heartbeat', async () => {
    const h = await hub({ heartbeatMs: 100 });
    await h.hub.publish({ upserts: [appeal()], removes: [] });
    const wall = client(h.url, 'wall');
    await wall.waitForSeq(1);
    // Drop the next delta on the client's side, as a lossy link would.
    wall.dropDeltas = 1;
    await h.hub.publish({ upserts: [appeal({ id: 'lost-one' })], removes: [] });
    await wall.waitForSeq(2, 3000);
    expect(wall.store.entities.has('appeal:lost-one')).toBe(true);
    expect(wall.store.stats.gaps).toBe(1);
  });

  it('never sends the free text of an appeal to /wall or /touch, but does to /presenter', async () => {
    const h = await hub();
    const wall = client(h.url, 'wall');
    const touch = client(h.url, 'touch');
    const presenter = client(h.url, 'presenter');
    await Promise.all([wall, touch, presenter].map((c) => c.waitForSeq(0)));
    await h.hub.publish({ upserts: [appeal({ id: 'secret', text: 'Иванов Иван, тел. +7 900 000-00-00' })], removes: [] });
    await Promise.all([wall, touch, presenter].map((c) => c.waitForSeq(1)));
    expect(JSON.stringify(wall.raw)).not.toContain('Иванов');
    expect(JSON.stringify(touch.raw)).not.toContain('Иванов');
    expect(presenter.store.entities.get('appeal:secret')).toMatchObject({ text: expect.stringContaining('Иванов') });
  });

  it('never sends the free text to /wall with the SQLite log either (its deltas carry the JSON the log wrote)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cur-hub-wire-'));
    const h = await startHub({ host: '127.0.0.1', port: 0, log: new SqliteFeedLog({ dir }), tokens: DEV_TOKENS, staticDir: null });
    cleanups.push(async () => {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const wall = client(h.url, 'wall');
    const presenter = client(h.url, 'presenter');
    await Promise.all([wall, presenter].map((c) => c.waitForSeq(0)));
    await h.hub.publish({ upserts: [appeal({ id: 'secret', text: 'Иванов Иван, тел. +7 900 000-00-00' })], removes: [] });
    await Promise.all([wall, presenter].map((c) => c.waitForSeq(1)));
    expect(JSON.stringify(wall.raw)).not.toContain('Иванов');
    expect(wall.store.entities.get('appeal:secret')).toBeDefined();
    expect(presenter.store.entities.get('appeal:secret')).toMatchObject({ text: expect.stringContaining('Иванов') });
  });

  it('answers an invalid subscribe with a reason instead of failing', async () => {
    const h = await hub();
    const wall = client(h.url, 'wall');
    await wall.waitForSeq(0);
    const ack = await new Promise<{ ok: boolean; error?: string }>((r) => wall.socket.emit('feed:subscribe', { resume: { epoch: 5 } } as never, r));
    expect(ack.ok).toBe(false);
    expect(ack.error).toMatch(/feed:subscribe/);
    expect(h.hub.counters.badMessages).toBe(1);
  });
});

describe('hub auth: roles are namespaces, deny by default', () => {
  it.each(ROLES)('/%s accepts its own dev token and refuses the others', async (role) => {
    const h = await hub();
    expect(await client(h.url, role).connected()).toBeNull();
    expect(await client(h.url, role, null).connected()).toMatch(/token missing/);
    expect(await client(h.url, role, 'nope-nope-nope').connected()).toMatch(/unknown token/);
    const other = ROLES.find((r) => r !== role)!;
    expect(await client(h.url, role, `dev-${other}`).connected()).toMatch(new RegExp(`not valid for /${role}`));
  });

  it('refuses the default namespace', async () => {
    const h = await hub();
    const { io } = await import('socket.io-client');
    const s = io(h.url, { auth: { token: 'dev-admin' }, transports: ['websocket'], reconnection: false });
    cleanups.push(() => s.close());
    const err = await new Promise<string>((r) => s.once('connect_error', (e) => r(e.message)));
    expect(err).toMatch(/role namespace/);
  });
});

describe('hub http', () => {
  it('reports health', async () => {
    const h = await hub();
    await h.hub.publish({ upserts: [appeal()], removes: [] });
    const res = await fetch(`${h.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', epoch: h.log.epoch, headSeq: 1, clients: 0 });
  });

  it('refuses paths outside the renderer build', async () => {
    const h = await hub({ staticDir: 'assets' });
    expect((await fetch(`${h.url}/geo/attribution.json`)).status).toBe(200);
    expect((await fetch(`${h.url}/..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${h.url}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
  });
});
