/**
 * Replay of the hub's log on a client (issue 7): given `control:state.replay {from, speed,
 * startedAt}` and the hub clock, it fetches the state at the replayed moment
 * (`GET /api/v1/replay/state?at=`, page by page: each answer's `next` cursor asks for the
 * following page, all consistent at one seq), then every second the changes up to the
 * replayed time (`GET /api/v1/replay/changes?after=SEQ&to=`, as many pages as it takes), and
 * keeps its own entity map. A frozen
 * moment (`control:state.frozenAt`) is the same thing at speed 0.
 *
 * Platform-neutral (fetch and timers of the host, typed here: app/ has no DOM or Node types), so
 * it runs in the wall's feed worker (renderer/worker/data-source.ts) as well as on a page (the
 * touch panel's and presenter's `useReplay`) and in Node (tests). Why the first fetch is the state at the *current* replayed time rather than at
 * `from`: a screen that (re)starts in the middle of a ×60 replay would otherwise page through
 * every change since `from` before showing anything.
 */
import { z } from 'zod';
import { EntitySchema, entityKey, type Entity, type EntityRef } from '../domain/entity';
import { DeltaSchema } from '../protocol/feed';

/** The part of `fetch` the client uses. */
export type ReplayFetch = (
  url: string,
  init: { headers: Record<string, string> },
) => Promise<{
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  body?: { cancel(): Promise<void> } | null;
  json(): Promise<unknown>;
}>;

/** What every JavaScript host has (browser, worker, Node ≥ 18), declared here for app/'s lib-only types. */
const host = globalThis as unknown as { fetch: ReplayFetch; setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };

/** What the hub's control state says about a replay. */
export interface ReplaySpec {
  /** The moment replayed at hub time `startedAt`. */
  readonly from: number;
  /** × real time; 0 holds `from` (a frozen moment). */
  readonly speed: number;
  readonly startedAt: number;
}

/**
 * What is not live in a control state: the replay, else the frozen moment held still (a
 * replay outranks a freeze); null while the data are live.
 */
export function dataSpec(control: { replay?: ReplaySpec | null; frozenAt: number | null } | null): ReplaySpec | null {
  if (!control) return null;
  if (control.replay) return control.replay;
  return control.frozenAt !== null ? { from: control.frozenAt, speed: 0, startedAt: control.frozenAt } : null;
}

/**
 * The replayed moment at hub time `hubNow`: it never runs ahead of the hub's own clock. A
 * frozen moment (speed 0) is exactly `from`, even on a screen whose estimate of the hub's
 * clock is a little behind the curator's who froze it.
 */
export function replayedTime(spec: ReplaySpec, hubNow: number): number {
  if (spec.speed === 0) return spec.from;
  return Math.min(hubNow, spec.from + Math.max(0, hubNow - spec.startedAt) * spec.speed);
}

/** What a replay shows now. */
export interface ReplayView {
  readonly spec: ReplaySpec;
  readonly status: 'loading' | 'ready' | 'error';
  /** In Russian, when `status` is `error` (e.g. the log no longer reaches back that far). */
  readonly error: string | null;
  /** The entities as they were at `at` (read, never mutate). */
  readonly entities: ReadonlyMap<string, Entity>;
  /** The replayed moment the entities are valid for (hub time, Unix ms). */
  readonly at: number;
  /** Seq of the last change applied. */
  readonly seq: number;
  /** Moves with every change of `entities`. */
  readonly rev: number;
}

/** What one update changed: everything (`reset`), or the listed items. */
export type ReplayChange = { reset: true } | { reset: false; upserted: readonly Entity[]; removed: readonly EntityRef[] };

export interface ReplayClientOptions {
  hub: string;
  /** A reading token (wall, touch, presenter, admin): the replay comes in that role's projection. */
  token: string;
  hubNow: () => number;
  onUpdate: (view: ReplayView, change: ReplayChange) => void;
  /** @default 1000 */
  pollMs?: number;
  /** @default globalThis.fetch */
  fetch?: ReplayFetch;
  /** Most changes the hub answers per request (hub/replay.ts). @default 2000 */
  pageSize?: number;
}

/** The hub's answers, validated at the boundary. */
const StateSchema = z.object({
  at: z.number(),
  seq: z.number().int().nonnegative(),
  entities: z.array(EntitySchema),
  next: z.string().min(1).max(200).optional(),
});
const ChangesSchema = z.object({ deltas: z.array(DeltaSchema), more: z.boolean().optional() });

/** Times one request is sent again after a 429/503 with `Retry-After`. */
const MAX_RETRIES = 5;

const sameSpec = (a: ReplaySpec | null, b: ReplaySpec | null) =>
  a === b || (!!a && !!b && a.from === b.from && a.speed === b.speed && a.startedAt === b.startedAt);

export class ReplayClient {
  private spec: ReplaySpec | null = null;
  /** Bumped on every start/stop: answers of an older run are dropped. */
  private run = 0;
  private timer: unknown = null;
  private entities = new Map<string, Entity>();
  private seq = 0;
  private at = 0;
  private rev = 0;
  private status: ReplayView['status'] = 'loading';
  private error: string | null = null;
  private readonly fetchFn: ReplayFetch;

  constructor(private readonly opts: ReplayClientOptions) {
    this.fetchFn = opts.fetch ?? ((url, init) => host.fetch(url, init));
  }

  /** Follows a replay (or a frozen moment); the same spec again changes nothing. */
  start(spec: ReplaySpec): void {
    if (sameSpec(this.spec, spec)) return;
    this.stop();
    this.spec = spec;
    this.status = 'loading';
    this.error = null;
    void this.load(++this.run);
  }

  stop(): void {
    this.run++;
    this.spec = null;
    // Back on live data: let the replayed state (up to every entity of the log) go.
    this.entities = new Map();
    if (this.timer !== null) host.clearTimeout(this.timer);
    this.timer = null;
  }

  get active(): boolean {
    return this.spec !== null;
  }

  private view(): ReplayView {
    return { spec: this.spec!, status: this.status, error: this.error, entities: this.entities, at: this.at, seq: this.seq, rev: this.rev };
  }

  private async get(path: string): Promise<unknown> {
    let res = await this.fetchFn(`${this.opts.hub}${path}`, { headers: { authorization: `Bearer ${this.opts.token}` } });
    // The hub's rate limit (429) or a busy rebuild (503) says when to ask again: the same
    // request then, so a walk through the pages goes on where it was.
    for (let attempt = 0; (res.status === 429 || res.status === 503) && attempt < MAX_RETRIES; attempt++) {
      const s = Number(res.headers.get('retry-after'));
      if (!Number.isFinite(s) || s <= 0) break;
      await res.body?.cancel().catch(() => undefined);
      await new Promise((r) => host.setTimeout(() => r(undefined), Math.min(s, 30) * 1000));
      res = await this.fetchFn(`${this.opts.hub}${path}`, { headers: { authorization: `Bearer ${this.opts.token}` } });
    }
    const body: unknown = await res.json().catch(() => ({}));
    if (!res.ok) {
      const error = (body as { error?: unknown }).error;
      throw new ReplayHttpError(res.status, typeof error === 'string' ? error.slice(0, 300) : `HTTP ${res.status}`);
    }
    return body;
  }

  private async load(run: number): Promise<void> {
    const spec = this.spec!;
    const at = replayedTime(spec, this.opts.hubNow());
    try {
      // The state comes in pages (the hub bounds each answer); the map switches once all are in.
      const entities = new Map<string, Entity>();
      let seq: number | null = null;
      let path = `/api/v1/replay/state?at=${Math.floor(at)}`;
      for (;;) {
        const s = StateSchema.parse(await this.get(path));
        if (run !== this.run) return;
        if (seq !== null && s.seq !== seq) throw new Error(`pages of different states (seq ${seq}, ${s.seq})`);
        seq = s.seq;
        for (const e of s.entities) entities.set(entityKey(e), e);
        if (!s.next) break;
        path = `/api/v1/replay/state?at=${Math.floor(at)}&cursor=${encodeURIComponent(s.next)}`;
      }
      this.entities = entities;
      this.seq = seq;
      this.at = at;
      this.status = 'ready';
      this.rev++;
      this.opts.onUpdate(this.view(), { reset: true });
    } catch (e) {
      if (run !== this.run) return;
      this.fail(e);
      // A refusal (409: the log no longer reaches back) will not heal by retrying often.
      this.schedule(run, () => this.load(run), e instanceof ReplayHttpError && e.status === 409 ? 30_000 : this.pollMs);
      return;
    }
    if (spec.speed > 0) this.schedule(run, () => this.poll(run), this.pollMs);
  }

  private async poll(run: number): Promise<void> {
    const target = Math.floor(replayedTime(this.spec!, this.opts.hubNow()));
    const upserted: Entity[] = [];
    const removed: EntityRef[] = [];
    try {
      for (;;) {
        const { deltas, more } = ChangesSchema.parse(await this.get(`/api/v1/replay/changes?after=${this.seq}&to=${target}`));
        if (run !== this.run) return;
        if (deltas.length > 0 && deltas[0]!.seq !== this.seq + 1) {
          // The log moved under us (compacted, a new epoch): start over from a state.
          void this.load(run);
          return;
        }
        for (const d of deltas) {
          for (const e of d.upserts) {
            this.entities.set(entityKey(e), e);
            upserted.push(e);
          }
          for (const r of d.removes) {
            this.entities.delete(entityKey(r));
            removed.push(r);
          }
          this.seq = d.seq;
        }
        // A full page, or one the hub cut short by its entity bound (`more`), may have a next one.
        if (!more && deltas.length < (this.opts.pageSize ?? 2000)) break;
      }
      this.at = target;
      this.status = 'ready';
      this.error = null;
      this.rev++;
      this.opts.onUpdate(this.view(), { reset: false, upserted, removed });
    } catch (e) {
      if (run !== this.run) return;
      // Pages already applied (entities and seq moved on) must still reach the map: the next
      // poll continues after them.
      if (upserted.length > 0 || removed.length > 0) {
        this.rev++;
        this.opts.onUpdate(this.view(), { reset: false, upserted, removed });
      }
      this.fail(e);
    }
    this.schedule(run, () => this.poll(run), this.pollMs);
  }

  private fail(e: unknown): void {
    this.status = 'error';
    this.error =
      e instanceof ReplayHttpError
        ? `Хаб не отдал повтор: ${e.message}`
        : e instanceof z.ZodError
          ? 'Хаб прислал повтор не по протоколу'
          : `Нет связи с хабом: ${(e as Error).message}`;
    this.opts.onUpdate(this.view(), { reset: false, upserted: [], removed: [] });
  }

  private get pollMs(): number {
    return this.opts.pollMs ?? 1000;
  }

  private schedule(run: number, fn: () => Promise<void>, ms: number): void {
    if (run !== this.run) return;
    this.timer = host.setTimeout(() => void fn(), ms);
  }
}

class ReplayHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
