/**
 * The hub's guards against one client (issue 10) on a real in-process hub with real
 * socket.io clients and fetch: the Origin allowlist on sockets and HTTP, refused handshakes
 * disconnected, agent tokens, tokens reloaded (revoked clients dropped), metrics without a
 * token, the renderer's CSP, the paged replay state, 429s with Retry-After, the entity cap,
 * the command rate limit.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { Entity } from '../app/domain/entity';
import type { IngestResult } from '../app/protocol/ingest';
import { makeAppeal } from '../test/support/entities';
import { FeedClient, waitFor } from '../test/support/hub-fixture';
import { MemoryFeedLog } from './feed-log';
import type { HubLimits } from './limits';
import { startHub, type RunningHub } from './start-hub';
import { DEV_TOKENS, parseTokens, reloadTokens, type TokenTable } from './tokens';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function hub(
  opts: { limits?: Partial<HubLimits>; tokens?: TokenTable; staticDir?: string; allowOrigins?: string[] } = {},
): Promise<RunningHub & { log: MemoryFeedLog }> {
  const log = new MemoryFeedLog(100_000);
  const h = await startHub({
    host: '127.0.0.1',
    port: 0,
    log,
    tokens: opts.tokens ?? DEV_TOKENS,
    staticDir: opts.staticDir ?? null,
    limits: opts.limits,
    allowOrigins: opts.allowOrigins,
  });
  cleanups.push(() => h.close());
  return Object.assign(h, { log });
}

function socket(url: string, nsp: string, auth: object, extra: { origin?: string } = {}): Socket {
  const s = io(`${url}/${nsp}`, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(extra.origin ? { extraHeaders: { Origin: extra.origin } } : {}),
  });
  cleanups.push(() => s.close());
  return s;
}
const connected = (s: Socket) => new Promise<string | null>((r) => (s.once('connect', () => r(null)), s.once('connect_error', (e) => r(e.message))));
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe('origin allowlist', () => {
  it('socket.io: a page of another site is refused; the hub’s own origin, --allow-origin and no Origin connect', async () => {
    const h = await hub({ allowOrigins: ['https://cur.example'] });
    expect(await connected(socket(h.url, 'ingest', { token: 'dev-ingest' }, { origin: 'http://evil.example' }))).toMatch(
      /websocket error|xhr poll error|forbidden/i,
    );
    expect(await connected(socket(h.url, 'ingest', { token: 'dev-ingest' }, { origin: 'null' }))).not.toBeNull();
    for (const origin of [h.url, 'https://cur.example', undefined])
      expect(await connected(socket(h.url, 'wall', { token: 'dev-wall' }, { origin })), String(origin)).toBeNull();
    expect(h.metrics.get('cur_hub_limited_total', { limit: 'origin' })).toBe(2);
  });

  it('HTTP: the API refuses a page of another site (the dev-ingest attack), and stores nothing', async () => {
    const h = await hub();
    const body = JSON.stringify({ upserts: [makeAppeal({ id: 'from-evil' })] });
    const res = await fetch(`${h.url}/api/v1/ingest`, {
      method: 'POST',
      body,
      headers: { authorization: 'Bearer dev-ingest', origin: 'http://evil.example', 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(/origin: http:\/\/evil\.example is not allowed.*--allow-origin/);
    expect(h.log.size).toBe(0);
    expect((await fetch(`${h.url}/api/v1/ingest`, { method: 'POST', body, headers: { authorization: 'Bearer dev-ingest', origin: h.url } })).status).toBe(202);
    expect((await fetch(`${h.url}/api/v1/ingest`, { method: 'POST', body, headers: { authorization: 'Bearer dev-ingest' } })).status).toBe(202);
  });
});

describe('handshakes', () => {
  it('closes the connection of a refused handshake, even when the client ignores the refusal', async () => {
    const h = await hub();
    // A client that keeps its engine connection after connect_error (a raw engine.io client).
    const s = socket(h.url, 'wall', { token: 'nope-nope' });
    const engineClosed = new Promise<void>((r) => s.io.engine.once('close', () => r()));
    expect(await connected(s)).toBe('auth: unknown token');
    await engineClosed;
    await waitFor(
      () => h.hub.io.engine.clientsCount === 0,
      5000,
      () => `${h.hub.io.engine.clientsCount} engine connections left`,
    );
    expect(h.metrics.get('cur_hub_refused_connections_closed_total')).toBe(1);
  });

  it('refuses handshakes beyond --max-connections', async () => {
    const h = await hub({ limits: { maxConnections: 2 } });
    expect(await connected(socket(h.url, 'wall', { token: 'dev-wall' }))).toBeNull();
    expect(await connected(socket(h.url, 'wall', { token: 'dev-wall' }))).toBeNull();
    expect(await connected(socket(h.url, 'wall', { token: 'dev-wall' }))).not.toBeNull();
    expect(h.metrics.get('cur_hub_limited_total', { limit: 'connections' })).toBe(1);
  });
});

describe('agent tokens', () => {
  const tokens = () => parseTokens({ 'agent-token-1': 'agent:pc-1', 'admin-token-1': 'admin', 'wall-token-1': 'wall' });
  const health = (pc: string | null, screenId = 'main') => ({
    pc,
    appVersion: '0.1.0',
    at: Date.now(),
    skipped: [],
    screens: [
      {
        screenId,
        phase: 'running',
        healthy: true,
        since: 1,
        lastHeartbeatAgeMs: 10,
        reloads: 0,
        recentFailures: 0,
        lastProblem: null,
        displayId: 1,
        bounds: null,
      },
    ],
  });

  it('connects to /admin only as its wall agent; reports its screens and answers commands, sends none, reads no feed', async () => {
    const h = await hub({ tokens: tokens() });
    expect(await connected(socket(h.url, 'admin', { token: 'agent-token-1' }))).toMatch(/only as a wall agent/);
    expect(await connected(socket(h.url, 'wall', { token: 'agent-token-1' }))).toMatch(/only for \/admin/);
    expect(await connected(socket(h.url, 'admin', { token: 'agent-token-1', client: 'wall-agent', pc: 'pc-2' }))).toMatch(/for wall PC "pc-1"/);
    const agent = socket(h.url, 'admin', { token: 'agent-token-1', client: 'wall-agent', pc: 'pc-1' });
    expect(await connected(agent)).toBeNull();
    agent.on('screen:reload', (_m: unknown, ack: (r: object) => void) => ack({ ok: true }));
    agent.emit('screen:health', health('pc-1'));
    expect(await agent.emitWithAck('feed:subscribe', {})).toEqual({ ok: false, error: 'feed:subscribe: an agent token does not read the feed' });
    expect(await agent.emitWithAck('screen:reload', { screenId: 'main' })).toEqual({ ok: false, error: 'a wall agent may not send operator commands' });
    expect(await agent.emitWithAck('control:command', { type: 'blackout:set', on: true })).toMatchObject({ ok: false });
    const operator = socket(h.url, 'admin', { token: 'admin-token-1' });
    await connected(operator);
    expect(await operator.emitWithAck('screen:reload', { screenId: 'main' })).toEqual({ ok: true });
    // Another PC may not take the screen over while pc-1's report is fresh.
    const other = socket(h.url, 'admin', { token: 'admin-token-1', client: 'wall-agent', pc: 'pc-9' });
    await connected(other);
    other.on('screen:reload', (_m: unknown, ack: (r: object) => void) => ack({ ok: false, error: 'wrong pc' }));
    other.emit('screen:health', health('pc-9'));
    other.emit('screen:health', health('pc-1')); // not its own pc
    await waitFor(
      () => h.metrics.get('cur_hub_bad_messages_total', { reason: 'health-of-another-pc' }) === 1,
      5000,
      () => 'the foreign health counted',
    );
    expect(h.metrics.get('cur_hub_bad_messages_total', { reason: 'screen-of-another-pc' })).toBe(1);
    expect(await operator.emitWithAck('screen:reload', { screenId: 'main' })).toEqual({ ok: true });
    // Nor the HTTP API.
    expect((await fetch(`${h.url}/api/v1/replay/state?at=1`, bearer('agent-token-1'))).status).toBe(401);
    expect((await fetch(`${h.url}/api/v1/audit`, bearer('agent-token-1'))).status).toBe(403);
  });
});

describe('tokens reload', () => {
  it('takes the new tokens without a restart and disconnects the clients whose token was revoked', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cur-guards-'));
    const file = path.join(dir, 'tokens.json');
    writeFileSync(file, JSON.stringify({ 'wall-token-1': 'wall', 'wall-token-2': 'wall' }));
    const table = parseTokens({ 'wall-token-1': 'wall', 'wall-token-2': 'wall' });
    const h = await hub({ tokens: table });
    const kept = socket(h.url, 'wall', { token: 'wall-token-1' });
    const revoked = socket(h.url, 'wall', { token: 'wall-token-2' });
    expect(await connected(kept)).toBeNull();
    expect(await connected(revoked)).toBeNull();
    const gone = new Promise<string>((r) => revoked.once('disconnect', (reason) => r(reason)));
    writeFileSync(file, JSON.stringify({ 'wall-token-1': 'wall', 'wall-token-3': 'wall' }));
    expect(reloadTokens(file, table)).toEqual({ ok: true, tokens: 2 });
    expect(await gone).toBe('io server disconnect');
    expect(kept.connected).toBe(true);
    expect(await connected(socket(h.url, 'wall', { token: 'wall-token-3' }))).toBeNull();
    expect(await connected(socket(h.url, 'wall', { token: 'wall-token-2' }))).toBe('auth: unknown token');
  });
});

describe('HTTP', () => {
  it('/metrics: client ids only with a valid token; an unknown token is refused', async () => {
    const h = await hub();
    const wall = new FeedClient(h.url, 'wall');
    cleanups.push(() => wall.close());
    await wall.waitForSeq(0);
    const anon = await (await fetch(`${h.url}/metrics`)).text();
    expect(anon).not.toContain(wall.socket.id!);
    expect(anon).toMatch(/^cur_hub_client_lag_packets\{role="wall"\} \d+$/m);
    expect(await (await fetch(`${h.url}/metrics`, bearer('dev-wall'))).text()).toContain(`client="${wall.socket.id}"`);
    expect((await fetch(`${h.url}/metrics`, bearer('not-a-token'))).status).toBe(401);
  });

  it('sends the renderer with the renderer’s Content-Security-Policy', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cur-static-'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>x</title>');
    mkdirSync(path.join(dir, 'bundle'));
    writeFileSync(path.join(dir, 'bundle', 'a.js'), '');
    const h = await hub({ staticDir: dir, allowOrigins: ['https://hub-2.example'] });
    for (const p of ['/', '/bundle/a.js']) {
      const csp = (await fetch(`${h.url}${p}`)).headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("worker-src 'self' blob:");
      expect(csp).toContain(`connect-src 'self' ${h.url} ${h.url.replace('http:', 'ws:')} https://hub-2.example wss://hub-2.example`);
      expect(csp).not.toMatch(/unsafe-eval/);
    }
  });

  it('pages the replay state: at most --replay-page entities a page, every page at one seq, nothing lost', async () => {
    let now = 1_800_000_000_000;
    const log = new MemoryFeedLog(100_000);
    const h = await startHub({ host: '127.0.0.1', port: 0, log, tokens: DEV_TOKENS, staticDir: null, now: () => now, limits: { replayPage: 1000 } });
    cleanups.push(() => h.close());
    const entities: Entity[] = Array.from({ length: 2500 }, (_, i) => makeAppeal({ id: `r${i}`, createdAt: now - 5000 }));
    await h.hub.publish({ upserts: entities, removes: [] });
    await h.hub.publish({ upserts: [], removes: [{ kind: 'appeal', id: 'r7' }] });
    const at = now + 1;
    now += 60_000;
    const get = async (q: string) => {
      const res = await fetch(`${h.url}/api/v1/replay/state?at=${at}${q}`, bearer('dev-wall'));
      return { status: res.status, body: (await res.json()) as { seq: number; entities: Entity[]; next?: string; error?: string } };
    };
    const first = await get('');
    expect(first.body.entities).toHaveLength(1000);
    // Changes after the walk began change nothing in it.
    await h.hub.publish({ upserts: [makeAppeal({ id: 'late', createdAt: now - 1000 })], removes: [] });
    const ids = first.body.entities.map((e) => e.id);
    let next = first.body.next;
    while (next) {
      const page = await get(`&cursor=${encodeURIComponent(next)}`);
      expect(page.status).toBe(200);
      expect(page.body.seq).toBe(first.body.seq);
      ids.push(...page.body.entities.map((e) => e.id));
      next = page.body.next;
    }
    expect(ids).toHaveLength(2499);
    expect(new Set(ids).size).toBe(2499);
    expect(ids).not.toContain('r7');
    expect((await get('&limit=10')).body.entities).toHaveLength(10);
    expect((await get('&limit=0')).status).toBe(400);
    expect((await get('&cursor=bogus')).status).toBe(400);
  });

  it('answers 429 with Retry-After beyond the API rate of a client, and beyond the ingest rate of a token (HTTP and socket)', async () => {
    const h = await hub({ limits: { apiRate: 1, apiBurst: 3, ingestRate: 10, ingestBurst: 20 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(`${h.url}/api/v1/schema`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await fetch(`${h.url}/api/v1/schema`);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another client (a token) has its own bucket.
    expect((await fetch(`${h.url}/api/v1/schema`, bearer('dev-wall'))).status).toBe(200);

    const batch = (n: number, from: number) => JSON.stringify({ upserts: Array.from({ length: n }, (_, i) => makeAppeal({ id: `i${from + i}` })) });
    expect((await fetch(`${h.url}/api/v1/ingest`, { method: 'POST', body: batch(30, 0), ...bearer('dev-ingest') })).status).toBe(202); // into debt
    const refused = await fetch(`${h.url}/api/v1/ingest`, { method: 'POST', body: batch(1, 100), ...bearer('dev-ingest') });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { error: string }).error).toMatch(/^rate-limited: .*--ingest-rate.*nothing was stored; retry in \d+ s$/);
    const ing = socket(h.url, 'ingest', { token: 'dev-ingest' });
    await connected(ing);
    const ack = (await ing.emitWithAck('ingest:push', { upserts: [makeAppeal({ id: 'sock' })] })) as IngestResult;
    expect(ack).toMatchObject({ accepted: 0, error: expect.stringMatching(/^rate-limited/), retryAfterMs: expect.any(Number) });
    expect(h.log.size).toBe(30);
    expect(h.metrics.get('cur_hub_limited_total', { limit: 'ingest' })).toBe(2);
  });

  it('refuses new entities beyond --max-entities (entity-cap); updates still pass', async () => {
    const h = await hub({ limits: { maxEntities: 3 } });
    const post = async (upserts: Entity[]) =>
      (await (await fetch(`${h.url}/api/v1/ingest`, { method: 'POST', body: JSON.stringify({ upserts }), ...bearer('dev-ingest') })).json()) as IngestResult;
    expect((await post([makeAppeal({ id: 'a' }), makeAppeal({ id: 'b' })])).accepted).toBe(2);
    const r = await post([makeAppeal({ id: 'c' }), makeAppeal({ id: 'd' }), makeAppeal({ id: 'a', version: 2 })]);
    expect(r.accepted).toBe(2);
    expect(r.rejected).toEqual([{ index: 1, field: 'upserts', reason: 'entity-cap', detail: expect.stringMatching(/--max-entities/) }]);
    expect(h.log.size).toBe(3);
    expect(h.log.get('appeal:a')?.version).toBe(2);
  });
});

describe('control commands', () => {
  it('rate limits each socket and aggregates the refusals into one audit row per client per minute', async () => {
    const h = await hub({ limits: { commandRate: 0.001, commandBurst: 3 } });
    const touch = socket(h.url, 'touch', { token: 'dev-touch' });
    const wall = socket(h.url, 'wall', { token: 'dev-wall' });
    await Promise.all([connected(touch), connected(wall)]);
    const acks = [];
    for (let i = 0; i < 5; i++) acks.push((await touch.emitWithAck('control:command', { type: 'scene:clear' })) as { ok: boolean; error?: string });
    expect(acks.map((a) => a.ok)).toEqual([true, true, true, false, false]);
    expect(acks[3]!.error).toMatch(/^rate-limited: .*--command-rate/);
    for (let i = 0; i < 50; i++) wall.emit('control:command', { type: 'blackout:set', on: true });
    await wall.emitWithAck('control:command', {});
    h.hub.control.flushAudit();
    const rows = h.log.recentAudit(100);
    expect(rows.filter((r) => r.result === 'ok')).toHaveLength(3);
    const refused = rows.filter((r) => r.result !== 'ok');
    expect(refused.map((r) => r.role).sort()).toEqual(['touch', 'wall']);
    expect(refused.find((r) => r.role === 'wall')!.result).toMatch(/^refused ×51 in 60 s: role wall may not send commands \(×3\); rate-limited: .* \(×48\)$/);
  });
});
