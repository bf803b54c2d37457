/**
 * The ingest pipeline shared by `POST /api/v1/ingest` and the `/ingest` namespace:
 * validate each item → redact → one change in the log (durable) → broadcast. Rejected items
 * are counted by reason and quarantined; the good items of the batch go through.
 */
import { entityKey, type Appeal, type Entity, type EntityRef } from '../app/domain/entity';
import { DEFAULT_RATING_CONFIG } from '../app/ratings/rating-config';
import { RepeatLinker } from '../app/ratings/repeat-complaints';
import type { Delta } from '../app/protocol/feed';
import type { Change } from './feed-log';
import type { Metrics } from './metrics';
import { keyEntity, newSalt } from './applicant-key';
import { redactEntity } from './redact';
import type { IngestResult, RejectReason, Rejected } from '../app/protocol/ingest';
import { checkEntity, checkRemove, type ValidationContext } from './validate';

export type { IngestResult, Rejected };

/** Most items in one ingest request. */
export const MAX_BATCH_ITEMS = 10_000;

export interface IngestDeps {
  validation: () => ValidationContext;
  publish(change: Change): Promise<Delta>;
  headSeq(): number;
  metrics: Metrics;
  /** Keeps a rejected input with its reason. */
  quarantine?(source: string, reason: string, payload: string): void;
  /** Salt of the applicant and address keys (kept with the data; a random one per process without). */
  applicantSalt?: string;
  /** The appeals the hub holds, read once to seed the repeat links (`repeatOf`). */
  appeals?: () => Iterable<Appeal>;
}

export const REJECTED_HELP = 'Items rejected at ingest, by reason';
export const INGESTED_HELP = 'Entity changes accepted at ingest, by source';

/**
 * Text of a rejected input for the dead-letter table. Hostile inputs (10,000 levels of
 * nesting, cycles) make JSON.stringify and even String() throw: fall back to a description.
 */
export function quarantineText(raw: unknown): string {
  if (typeof raw === 'string') return raw.slice(0, 8192);
  try {
    return (JSON.stringify(raw) ?? String(raw)).slice(0, 8192);
  } catch {
    return `[unserialisable ${Array.isArray(raw) ? 'array' : typeof raw}]`;
  }
}

/** Items validated and redacted between two yields to the event loop. */
const SLICE = 500;
const yieldToEvents = (): Promise<void> => new Promise((r) => setImmediate(r));

export function createIngest(deps: IngestDeps) {
  /** The batch in validation; the next waits for it (see `ingest`). */
  let turn: Promise<void> = Promise.resolve();
  const salt = deps.applicantSalt ?? newSalt();
  let linker: RepeatLinker | null = null;
  /** Links a repeat complaint to the answered appeal it repeats (app/ratings/repeat-complaints.ts). */
  const linked = (e: Entity): Entity => {
    if (e.kind !== 'appeal') return e;
    if (!linker) {
      linker = new RepeatLinker({ windowDays: DEFAULT_RATING_CONFIG.repeatWindowDays });
      for (const a of deps.appeals?.() ?? []) linker.add(a);
    }
    return linker.link(e);
  };
  /** Counts and quarantines one reject. */
  function reject(source: string, r: Rejected, raw: unknown): Rejected {
    deps.metrics.inc('cur_hub_rejected_total', REJECTED_HELP, { reason: r.reason });
    deps.quarantine?.(source, `${r.reason}: ${r.detail}`, quarantineText(raw));
    return r;
  }

  /** Rejects a whole body that is not a batch (malformed JSON, wrong shape). */
  function rejectBody(source: string, reason: RejectReason, detail: string, raw: unknown): IngestResult {
    return { accepted: 0, rejected: [reject(source, { index: 0, field: 'body', reason, detail }, raw)], seq: deps.headSeq() };
  }

  async function ingest(source: string, body: unknown): Promise<IngestResult> {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return rejectBody(source, 'malformed', 'expected {"upserts": [...], "removes": [...]}', body);
    const { upserts = [], removes = [] } = body as { upserts?: unknown; removes?: unknown };
    if (!Array.isArray(upserts) || !Array.isArray(removes)) return rejectBody(source, 'malformed', 'upserts and removes must be arrays', body);
    if (Object.keys(body).some((k) => k !== 'upserts' && k !== 'removes'))
      return rejectBody(source, 'malformed', 'only "upserts" and "removes" are allowed', body);
    if (upserts.length + removes.length > MAX_BATCH_ITEMS)
      return rejectBody(source, 'malformed', `more than ${MAX_BATCH_ITEMS} items in one batch`, `${upserts.length} upserts`);

    // One batch at a time from validation to append, so a version check is never overtaken by
    // another batch; within it, a yield every SLICE items keeps the hub answering (a 10,000-item
    // batch of long texts is ≈ 0.3 s of redaction). The commit is awaited outside the turn, so
    // batches still share commits (group commit).
    const previous = turn;
    let release!: () => void;
    turn = new Promise<void>((r) => (release = r));
    await previous;
    let released = false;
    try {
      const ctx = deps.validation();
      const batch = new Map<string, Entity>();
      const batchCtx: ValidationContext = { ...ctx, stored: (k) => batch.get(k) ?? ctx.stored(k) };
      const rejected: Rejected[] = [];
      let accepted = 0;
      for (let index = 0; index < upserts.length; index++) {
        if (index > 0 && index % SLICE === 0) await yieldToEvents();
        const raw: unknown = upserts[index];
        const r = checkEntity(raw, batchCtx);
        if (r.ok) {
          accepted++;
          batch.set(entityKey(r.value), redactEntity(linked(keyEntity(r.value, salt))));
        } else rejected.push(reject(source, { index, field: 'upserts', reason: r.reason, detail: r.detail }, raw));
      }
      const refs: EntityRef[] = [];
      removes.forEach((raw, index) => {
        const r = checkRemove(raw);
        if (r.ok) {
          accepted++;
          refs.push(r.value);
          if (r.value.kind === 'appeal') linker?.forget(r.value.id);
        } else rejected.push(reject(source, { index, field: 'removes', reason: r.reason, detail: r.detail }, raw));
      });
      if (accepted === 0) return { accepted: 0, rejected, seq: deps.headSeq() };
      const appended = deps.publish({ upserts: [...batch.values()], removes: refs });
      release();
      released = true;
      const delta = await appended;
      deps.metrics.inc('cur_hub_ingested_total', INGESTED_HELP, { source }, accepted);
      return { accepted, rejected, seq: delta.seq };
    } finally {
      if (!released) release();
    }
  }

  return { ingest, rejectBody };
}
export type Ingest = ReturnType<typeof createIngest>;
