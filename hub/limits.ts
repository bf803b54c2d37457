/**
 * What one client may cost the hub (issue 10, "no single client can exhaust the hub"): the
 * limits, their defaults (each is a CLI flag, `cli-options.ts`, and a `/metrics` gauge), and
 * the token bucket every rate limit uses.
 */
import type { Metrics } from './metrics';

export interface HubLimits {
  /** Valid `feed:subscribe` per socket: refill per second and burst. */
  subscribeRate: number;
  subscribeBurst: number;
  /** `control:command` per socket (every command, accepted or refused). */
  commandRate: number;
  commandBurst: number;
  /** HTTP API requests (but ingest) per client: its token, when valid, and its address. */
  apiRate: number;
  apiBurst: number;
  /** Ingested items (upserts + removes, or KB of an HTTP body when more) per token, HTTP and socket together. */
  ingestRate: number;
  ingestBurst: number;
  /** Entities the state may hold; new ones beyond it are refused (`entity-cap`). */
  maxEntities: number;
  /** Snapshot streams sent at once; other subscribers wait in a queue. */
  maxSnapshots: number;
  /** A snapshot chunk is sent only while less than this many bytes wait for the socket. */
  snapshotWindowBytes: number;
  /** Deltas buffered for one socket while its snapshot streams; beyond it the snapshot restarts. */
  snapshotBufferDeltas: number;
  /** A socket with more than this many bytes waiting (it does not read) is disconnected. */
  maxSocketBufferBytes: number;
  /** A resume further behind than this many changes gets a snapshot instead. */
  maxResumeDeltas: number;
  /** Entities in one page of `GET /api/v1/replay/state` (the default and the largest). */
  replayPage: number;
  /** socket.io connections at once (engine level, authenticated or not). */
  maxConnections: number;
  /** A connection that joins no namespace within this is closed (ms). */
  connectTimeoutMs: number;
  /** Newest audit rows kept in the durable log. */
  auditMaxRows: number;
}

export const DEFAULT_LIMITS: HubLimits = {
  subscribeRate: 1,
  subscribeBurst: 10,
  commandRate: 5,
  commandBurst: 30,
  apiRate: 100,
  apiBurst: 500,
  ingestRate: 2000,
  ingestBurst: 50_000,
  maxEntities: 1_000_000,
  maxSnapshots: 4,
  snapshotWindowBytes: 1024 * 1024,
  snapshotBufferDeltas: 10_000,
  maxSocketBufferBytes: 64 * 1024 * 1024,
  maxResumeDeltas: 20_000,
  replayPage: 5000,
  maxConnections: 2000,
  connectTimeoutMs: 10_000,
  auditMaxRows: 100_000,
};

/** `subscribeRate` → `subscribe_rate` (the label of `cur_hub_limit`). */
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Exports every limit as `cur_hub_limit{name}` so a dashboard shows what the hub runs with. */
export function exportLimits(metrics: Metrics, limits: HubLimits): void {
  metrics.collect(() =>
    metrics.setGauge(
      'cur_hub_limit',
      'Configured limits (CLI flags): rates per second, bursts, counts, bytes, ms',
      (Object.keys(limits) as (keyof HubLimits)[]).map((k) => [{ name: snake(k) }, limits[k]]),
    ),
  );
}

export const LIMITED_HELP = 'Requests refused or deferred by a limit, by limit';

/** Counts one refusal by a limit (`cur_hub_limited_total{limit}`). */
export function countLimited(metrics: Metrics, limit: string, by = 1): void {
  metrics.inc('cur_hub_limited_total', LIMITED_HELP, { limit }, by);
}

/**
 * A token bucket: `burst` tokens, refilled at `rate` per second. `take(cost)` succeeds while
 * the bucket holds at least one token and may leave it in debt, so a batch larger than the
 * burst still passes once the bucket is full and then pays for itself in waiting time.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly rate: number,
    readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  private refill(): void {
    const t = this.now();
    if (t > this.last) this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = Math.max(this.last, t);
  }

  /** Takes `cost` tokens; when refused, `retryAfterMs` says when one token will be there. */
  take(cost = 1): { ok: true } | { ok: false; retryAfterMs: number } {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= cost;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.max(1, Math.ceil(((1 - this.tokens) / this.rate) * 1000)) };
  }

  /** Takes `cost` tokens whatever the level (the rest of a batch already admitted). */
  charge(cost: number): void {
    this.refill();
    this.tokens -= cost;
  }

  /** Tokens now (may be negative after a large batch). */
  level(): number {
    this.refill();
    return this.tokens;
  }

  /** True when the bucket is full again (nothing to remember about this client). */
  full(): boolean {
    return this.level() >= this.burst;
  }
}

/**
 * One bucket per key (token, socket id, address), created on first use. Full buckets are
 * forgotten on a sweep, and at most `maxKeys` are kept (the oldest go first), so a stream of
 * new keys cannot grow it without bound.
 */
export class BucketMap {
  private readonly buckets = new Map<string, TokenBucket>();
  private lastSweep: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {
    this.lastSweep = now();
  }

  private bucket(key: string): TokenBucket {
    this.sweep();
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
      this.buckets.set(key, (b = new TokenBucket(this.rate, this.burst, this.now)));
    }
    return b;
  }

  take(key: string, cost = 1): { ok: true } | { ok: false; retryAfterMs: number } {
    return this.bucket(key).take(cost);
  }

  /** Takes `cost` whatever the level (see {@link TokenBucket.charge}). */
  charge(key: string, cost: number): void {
    this.bucket(key).charge(cost);
  }

  delete(key: string): void {
    this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }

  private sweep(): void {
    const t = this.now();
    if (t - this.lastSweep < 10_000) return;
    this.lastSweep = t;
    for (const [k, b] of this.buckets) if (b.full()) this.buckets.delete(k);
  }
}

/** Seconds for a `Retry-After` header (at least 1). */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
