/**
 * The limits' building blocks without a hub: the token bucket, the bucket map, the origin
 * allowlist, the tokens rules (dev tokens, agent tokens, reload), the entity cap in front of
 * the ingest pipeline, the replay cursors, metrics without client ids, every limit a flag.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCsp, originOf, wsOriginOf } from '../app/protocol/csp';
import { makeAppeal } from '../test/support/entities';
import { LIMIT_FLAGS, parseHubArgs } from './cli-options';
import { MemoryFeedLog } from './feed-log';
import type { Ingest } from './ingest';
import { capIngest, createIngestLimiter, itemCount } from './ingest-gate';
import { BucketMap, DEFAULT_LIMITS, exportLimits, TokenBucket } from './limits';
import { Metrics } from './metrics';
import { createOriginPolicy, normalizeOrigin } from './origin';
import { decodeCursor, encodeCursor } from './replay';
import { SqliteFeedLog } from './sqlite-log';
import { authError, DEV_TOKENS, onTokensChanged, parseTokens, readingRoleOf, reloadTokens } from './tokens';

function clock(start = 1_000_000) {
  const c = { t: start, now: () => c.t };
  return c;
}

describe('TokenBucket', () => {
  it('lets a burst through, then one token per 1/rate s, and says when to come back', () => {
    const c = clock();
    const b = new TokenBucket(2, 5, c.now);
    for (let i = 0; i < 5; i++) expect(b.take().ok).toBe(true);
    const refused = b.take();
    expect(refused).toEqual({ ok: false, retryAfterMs: 500 });
    c.t += 499;
    expect(b.take().ok).toBe(false);
    c.t += 1;
    expect(b.take().ok).toBe(true);
    expect(b.take().ok).toBe(false);
    c.t += 10_000; // refills up to the burst only
    expect(b.level()).toBe(5);
  });

  it('admits a batch larger than the burst once it holds a token, and the debt is waited off', () => {
    const c = clock();
    const b = new TokenBucket(1000, 100, c.now);
    expect(b.take(5000).ok).toBe(true);
    expect(b.level()).toBe(-4900);
    const r = b.take(1);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.retryAfterMs).toBe(4901);
    c.t += 4901;
    expect(b.take(1).ok).toBe(true);
  });

  it('charge takes whatever the level (the rest of an admitted batch)', () => {
    const b = new TokenBucket(1, 3, clock().now);
    b.charge(10);
    expect(b.level()).toBe(-7);
    expect(b.take().ok).toBe(false);
  });

  it('a clock that goes back does not refill', () => {
    const c = clock();
    const b = new TokenBucket(1, 1, c.now);
    expect(b.take().ok).toBe(true);
    c.t -= 60_000;
    expect(b.take().ok).toBe(false);
  });
});

describe('BucketMap', () => {
  it('keeps one bucket per key, forgets full ones, and never holds more than its bound', () => {
    const c = clock();
    const m = new BucketMap(1, 2, c.now, 3);
    expect(m.take('a').ok).toBe(true);
    expect(m.take('a').ok).toBe(true);
    expect(m.take('a').ok).toBe(false);
    expect(m.take('b').ok).toBe(true); // another client is not affected
    for (const k of ['c', 'd', 'e', 'f']) m.take(k);
    expect(m.size).toBe(3);
    c.t += 20_000;
    m.take('g'); // the sweep forgets every full bucket
    expect(m.size).toBe(1);
  });
});

describe('ingest limiter and entity cap', () => {
  it('counts the items of a batch (at least 1)', () => {
    expect(itemCount({ upserts: [1, 2], removes: [3] })).toBe(3);
    expect(itemCount({})).toBe(1);
    expect(itemCount('junk')).toBe(1);
  });

  it('limits items per token and counts each refusal', () => {
    const c = clock();
    const metrics = new Metrics();
    const l = createIngestLimiter({ ...DEFAULT_LIMITS, ingestRate: 10, ingestBurst: 10 }, metrics, c.now);
    expect(l.take('t1', itemCount({ upserts: Array(10) })).ok).toBe(true);
    expect(l.take('t1', 1)).toEqual({ ok: false, retryAfterMs: 100 });
    expect(l.take('t2', 1).ok).toBe(true);
    expect(metrics.get('cur_hub_limited_total', { limit: 'ingest' })).toBe(1);
  });

  it('refuses new entities beyond --max-entities with reason entity-cap; updates and removals pass; indices are the sent ones', async () => {
    const log = new MemoryFeedLog();
    await log.append({ upserts: [makeAppeal({ id: 'a' }), makeAppeal({ id: 'b' })], removes: [] }, 1);
    const seen: unknown[] = [];
    const inner: Ingest = {
      ingest: async (_source, body) => {
        seen.push(body);
        const b = body as { upserts: unknown[] };
        // The pipeline rejects its item 0 when it is the junk one.
        const rejected = b.upserts[0] === 'junk' ? [{ index: 0, field: 'upserts' as const, reason: 'schema' as const, detail: 'x' }] : [];
        return { accepted: b.upserts.length - rejected.length, rejected, seq: 2 };
      },
      rejectBody: () => ({ accepted: 0, rejected: [], seq: 0 }),
    };
    const metrics = new Metrics();
    const quarantined: string[] = [];
    const capped = capIngest(inner, { log, maxEntities: () => 3, metrics, quarantine: (_s, reason) => quarantined.push(reason) });
    const r = await capped.ingest('http', {
      upserts: ['junk', makeAppeal({ id: 'c' }), makeAppeal({ id: 'a', version: 2 }), makeAppeal({ id: 'd' }), makeAppeal({ id: 'c', version: 2 })],
      removes: [{ kind: 'appeal', id: 'b' }],
    });
    // Room for one new entity: c passes (twice: the same key), d is refused, a is an update.
    expect((seen[0] as { upserts: { id?: string }[] }).upserts.map((u) => (typeof u === 'string' ? u : u.id))).toEqual(['junk', 'c', 'a', 'c']);
    expect(r.rejected).toEqual([
      { index: 0, field: 'upserts', reason: 'schema', detail: 'x' },
      { index: 3, field: 'upserts', reason: 'entity-cap', detail: expect.stringMatching(/maximum of 3 entities \(--max-entities\)/) },
    ]);
    expect(metrics.get('cur_hub_rejected_total', { reason: 'entity-cap' })).toBe(1);
    expect(quarantined).toEqual([expect.stringMatching(/^entity-cap: /)]);
    // Under the cap nothing is rebuilt: the pipeline gets the very body.
    const body = { upserts: [makeAppeal({ id: 'a', version: 3 })], removes: [] };
    await capped.ingest('http', body);
    expect(seen[1]).toBe(body);
  });
});

describe('origin allowlist', () => {
  it('allows no Origin, the hub’s own loopback origins and --allow-origin; refuses others and null', () => {
    let port = 8400;
    const p = createOriginPolicy({ host: '127.0.0.1', port: () => port, allow: ['https://cur.example'] });
    expect(p.allows(undefined)).toBe(true);
    for (const o of [
      'http://127.0.0.1:8400',
      'http://localhost:8400',
      'http://[::1]:8400',
      'HTTP://LOCALHOST:8400',
      'https://cur.example',
      'https://cur.example:443',
    ])
      expect(p.allows(o), o).toBe(true);
    for (const o of ['null', 'http://evil.example', 'http://127.0.0.1:8401', 'http://localhost', 'file://', 'http://127.0.0.1:8400.evil.example', ''])
      expect(p.allows(o), o).toBe(false);
    expect(p.allows(['http://127.0.0.1:8400', 'http://127.0.0.1:8400'])).toBe(false);
    port = 9000; // a --port 0 hub learns its port once it listens
    expect(p.allows('http://127.0.0.1:9000')).toBe(true);
  });

  it('a hub bound to one address allows that address only (no rebinding through Host)', () => {
    const p = createOriginPolicy({ host: '10.1.2.3', port: () => 8400, allow: [] });
    expect(p.allows('http://10.1.2.3:8400')).toBe(true);
    expect(p.allows('http://127.0.0.1:8400')).toBe(false);
    expect(() => createOriginPolicy({ host: '10.1.2.3', port: () => 1, allow: ['cur.example'] })).toThrow(/--allow-origin/);
    expect(normalizeOrigin('https://a.example:443/x?y')).toBe('https://a.example');
  });
});

describe('tokens', () => {
  it('refuses a tokens file with a public development token', () => {
    for (const t of ['dev-wall', 'dev-touch', 'dev-presenter', 'dev-ingest', 'dev-admin', 'dev-agent']) {
      expect(() => parseTokens({ 'secret-wall-1': 'wall', [t]: 'wall' })).toThrow(new RegExp(`"${t}" is a public development token`));
    }
  });

  it('an agent token opens /admin only as a wall agent (of its pc when bound), and reads nothing', () => {
    const t = parseTokens({ 'agent-token-1': 'agent', 'agent-token-2': 'agent:pc-2', 'admin-token-1': 'admin' });
    expect(authError(t, 'agent-token-1', 'admin', { wallAgent: true, pc: 'pc-1' })).toBeNull();
    expect(authError(t, 'agent-token-1', 'admin')).toMatch(/only as a wall agent/);
    expect(authError(t, 'agent-token-1', 'wall', { wallAgent: true })).toMatch(/only for \/admin/);
    expect(authError(t, 'agent-token-2', 'admin', { wallAgent: true, pc: 'pc-1' })).toMatch(/for wall PC "pc-2"/);
    expect(authError(t, 'agent-token-2', 'admin', { wallAgent: true, pc: 'pc-2' })).toBeNull();
    expect(authError(t, 'admin-token-1', 'admin', { wallAgent: true, pc: null })).toBeNull(); // as before: an admin token may run an agent
    expect(readingRoleOf(t.get('agent-token-1'))).toBeNull();
    expect(readingRoleOf(t.get('admin-token-1'))).toBe('admin');
    expect(() => parseTokens({ 'agent-token-3': 'agent:' })).toThrow(/not one of/);
    expect(DEV_TOKENS.get('dev-agent')).toBe('agent');
  });

  it('reloads a tokens file in place, tells the listeners, and keeps the old table when the file is bad', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cur-tokens-'));
    const file = path.join(dir, 'tokens.json');
    writeFileSync(file, JSON.stringify({ 'wall-token-1': 'wall' }));
    const table = parseTokens({ 'wall-token-1': 'wall' });
    let told = 0;
    onTokensChanged(table, () => told++);
    writeFileSync(file, JSON.stringify({ 'wall-token-2': 'wall', 'ingest-token-2': 'ingest' }));
    expect(reloadTokens(file, table)).toEqual({ ok: true, tokens: 2 });
    expect([...table.keys()]).toEqual(['wall-token-2', 'ingest-token-2']);
    expect(told).toBe(1);
    writeFileSync(file, JSON.stringify({ 'dev-wall': 'wall' }));
    expect(reloadTokens(file, table)).toMatchObject({ ok: false, error: expect.stringMatching(/public development token.*; the previous tokens stay$/) });
    writeFileSync(file, '{not json');
    expect(reloadTokens(file, table).ok).toBe(false);
    expect([...table.keys()]).toEqual(['wall-token-2', 'ingest-token-2']);
    expect(told).toBe(1);
    expect(reloadTokens(file, DEV_TOKENS).ok).toBe(false);
  });
});

describe('replay cursors', () => {
  it('round-trip, and anything else is not a cursor', () => {
    const c = { epoch: 'e-1', at: 1_800_000_000_000, seq: 42, offset: 5000 };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    for (const bad of ['', 'x', Buffer.from('[1,2,3,4]').toString('base64url'), Buffer.from('["e",-1,2,3]').toString('base64url'), 'a'.repeat(300)])
      expect(decodeCursor(bad), bad).toBeNull();
  });
});

describe('metrics', () => {
  it('without a token: the client label dropped and its series summed', () => {
    const m = new Metrics();
    m.setGauge('lag', 'x', [
      [{ role: 'wall', client: 'a' }, 2],
      [{ role: 'wall', client: 'b' }, 3],
      [{ role: 'touch', client: 'c' }, 1],
    ]);
    expect(m.render()).toContain('lag{client="a",role="wall"} 2');
    const anon = m.render({ omitLabels: ['client'] });
    expect(anon).toContain('lag{role="wall"} 5\nlag{role="touch"} 1');
    expect(anon).not.toMatch(/client=/);
  });

  it('every limit is a CLI flag and a cur_hub_limit series', () => {
    expect(new Set(Object.values(LIMIT_FLAGS).map((f) => f.key))).toEqual(new Set(Object.keys(DEFAULT_LIMITS)));
    const o = parseHubArgs([
      '--max-entities',
      '500',
      '--snapshot-window-kb',
      '64',
      '--ingest-rate=20',
      '--allow-origin',
      'https://cur.example:8400/',
      '--allow-origin',
      'http://wall-2:8400',
    ]);
    expect(o.limits).toMatchObject({ maxEntities: 500, snapshotWindowBytes: 65_536, ingestRate: 20, replayPage: DEFAULT_LIMITS.replayPage });
    expect(o.allowOrigins).toEqual(['https://cur.example:8400', 'http://wall-2:8400']);
    expect(parseHubArgs([]).limits).toEqual(DEFAULT_LIMITS);
    expect(() => parseHubArgs(['--max-snapshots', '0'])).toThrow(/--max-snapshots: expected an integer from 1/);
    expect(() => parseHubArgs(['--allow-origin', 'cur.example'])).toThrow(/--allow-origin: expected an http\(s\) origin/);
    const m = new Metrics();
    exportLimits(m, DEFAULT_LIMITS);
    const text = m.render();
    expect(text).toMatch(/^cur_hub_limit\{name="max_entities"\} 1000000$/m);
    expect(text).toMatch(/^cur_hub_limit\{name="snapshot_window_bytes"\} 1048576$/m);
    expect(text.match(/^cur_hub_limit\{/gm)).toHaveLength(Object.keys(DEFAULT_LIMITS).length);
  });
});

describe('the renderer’s CSP (app/protocol/csp.ts)', () => {
  it('parses origins like URL does for the hub addresses, and adds further hubs', () => {
    expect(originOf('HTTP://Hub.Local:80/x')).toBe('http://hub.local');
    expect(originOf('https://[::1]:8443')).toBe('https://[::1]:8443');
    expect(wsOriginOf('https://cur.example:443')).toBe('wss://cur.example');
    expect(() => originOf('javascript:alert(1)')).toThrow();
    expect(() => originOf('http://a b')).toThrow();
    expect(buildCsp('http://127.0.0.1:8400', ['https://hub-2.example'])).toMatch(
      /connect-src 'self' http:\/\/127\.0\.0\.1:8400 ws:\/\/127\.0\.0\.1:8400 https:\/\/hub-2\.example wss:\/\/hub-2\.example;/,
    );
  });
});

describe('audit retention (durable log)', () => {
  it('keeps the newest --audit-max-rows rows and none older than the retention', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cur-audit-'));
    let now = 1_800_000_000_000;
    const log = new SqliteFeedLog({ dir, auditMaxRows: 100, retentionDays: 1, now: () => now });
    for (let i = 0; i < 1000; i++) log.audit({ at: now, role: 'wall', client: `c${i}`, command: '{}', result: 'refused: x' });
    const kept = log.recentAudit(10_000);
    expect(kept.length).toBeGreaterThanOrEqual(100);
    expect(kept.length).toBeLessThan(200); // trimmed every 100 writes
    expect(kept[0]!.client).toBe('c999');
    now += 2 * 86_400_000;
    log.audit({ at: now, role: 'touch', client: 'new', command: '{}', result: 'ok' });
    log.compact();
    expect(log.recentAudit(10_000).map((e) => e.client)).toEqual(['new']);
    log.close();
  });
});
