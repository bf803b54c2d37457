/**
 * What stands before the ingest pipeline (issue 10), without touching it (`ingest.ts`):
 *
 * - `IngestLimiter`: a token bucket of items (upserts + removes) per ingest token, shared by
 *   `POST /api/v1/ingest` (429 + `Retry-After`) and `ingest:push` (ack with `error` and
 *   `retryAfterMs`). A batch passes while the bucket holds a token and may leave it in debt.
 *   Over HTTP a request pays its declared size in KB when it arrives (refused unread when the
 *   bucket is empty) and the rest of its cost, items or KB, once parsed (refused unstored when
 *   the bucket is empty by then), so requests sent at once cannot all slip in before any pays.
 * - `capIngest`: the entity cap (`--max-entities`). Once the state holds that many entities,
 *   upserts of new entities are refused with reason `entity-cap` (counted in
 *   `cur_hub_rejected_total` and quarantined like every reject); updates of stored entities
 *   and removals still pass. It wraps the pipeline, so every source (HTTP, socket, the demo,
 *   a replayed recording) obeys it.
 */
import type { IngestResult, Rejected } from '../app/protocol/ingest';
import type { FeedLog } from './feed-log';
import { quarantineText, REJECTED_HELP, type Ingest } from './ingest';
import { BucketMap, countLimited, type HubLimits } from './limits';
import type { Metrics } from './metrics';

export interface IngestLimiter {
  /** Takes `cost` tokens (items, or KB of a body) from `token`'s bucket: admitted while it holds one. */
  take(token: string, cost: number): { ok: true } | { ok: false; retryAfterMs: number };
}

/** Items in a batch body (at least 1, so an empty or junk body still costs a token). */
export function itemCount(body: unknown): number {
  if (typeof body !== 'object' || body === null) return 1;
  const { upserts, removes } = body as { upserts?: unknown; removes?: unknown };
  return Math.max(1, (Array.isArray(upserts) ? upserts.length : 0) + (Array.isArray(removes) ? removes.length : 0));
}

export function createIngestLimiter(limits: HubLimits, metrics: Metrics, now: () => number = Date.now): IngestLimiter {
  const buckets = new BucketMap(limits.ingestRate, limits.ingestBurst, now);
  return {
    take(token, cost) {
      const r = buckets.take(token, Math.max(0, cost));
      if (!r.ok) countLimited(metrics, 'ingest');
      return r;
    },
  };
}

/** `kind:id` of a raw upsert, when it has string `kind` and `id` (entityKey's format). */
function rawKey(item: unknown): string | null {
  if (typeof item !== 'object' || item === null) return null;
  const { kind, id } = item as { kind?: unknown; id?: unknown };
  return typeof kind === 'string' && typeof id === 'string' ? `${kind}:${id}` : null;
}

/**
 * The pipeline with the entity cap in front of it. New entities admitted but not yet in the
 * log's state (their append is in flight) count against the cap too.
 */
export function capIngest(
  inner: Ingest,
  deps: { log: FeedLog; maxEntities: () => number; metrics: Metrics; quarantine?: (source: string, reason: string, payload: string) => void },
): Ingest {
  let inFlight = 0;
  async function ingest(source: string, body: unknown): Promise<IngestResult> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return inner.ingest(source, body);
    const upserts = (body as { upserts?: unknown }).upserts;
    if (!Array.isArray(upserts)) return inner.ingest(source, body);
    const room = deps.maxEntities() - deps.log.size - inFlight;
    const fresh = new Set<string>();
    const kept: number[] = [];
    const capped: Rejected[] = [];
    upserts.forEach((item, index) => {
      const key = rawKey(item);
      if (key === null || deps.log.get(key) !== undefined || fresh.has(key)) return void kept.push(index);
      if (fresh.size < room) {
        fresh.add(key);
        kept.push(index);
        return;
      }
      const detail = `the hub holds its maximum of ${deps.maxEntities()} entities (--max-entities): new entities are refused, updates of stored ones pass`;
      deps.metrics.inc('cur_hub_rejected_total', REJECTED_HELP, { reason: 'entity-cap' });
      deps.quarantine?.(source, `entity-cap: ${detail}`, quarantineText(item));
      capped.push({ index, field: 'upserts', reason: 'entity-cap', detail });
    });
    if (capped.length > 0) countLimited(deps.metrics, 'entity-cap', capped.length);
    inFlight += fresh.size;
    try {
      const passed = capped.length === 0 ? body : { ...body, upserts: kept.map((i) => upserts[i] as unknown) };
      const r = await inner.ingest(source, passed);
      if (capped.length === 0) return r;
      // Positions in the filtered batch → positions in the batch that was sent.
      const rejected = r.rejected.map((x) => (x.field === 'upserts' ? { ...x, index: kept[x.index] ?? x.index } : x));
      return { ...r, rejected: [...rejected, ...capped].sort((a, b) => (a.field === b.field ? a.index - b.index : a.field < b.field ? 1 : -1)) };
    } finally {
      inFlight -= fresh.size;
    }
  }
  return { ...inner, ingest };
}
