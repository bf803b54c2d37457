/**
 * Where a wall window's data come from (issue 7): the live store, or the hub's log replayed
 * at a moment: a replay at ×N (`control:state.replay`) or a moment frozen by the curator
 * (`control:state.frozenAt`, a replay at speed 0). Runs in the feed worker beside the live
 * store, which keeps taking live deltas all along, so going back to live is instant.
 *
 * The switch happens when the replayed state has arrived, not before: until then the screen
 * keeps what it showed (`info.pending`), and when the hub cannot give the replay (409: the
 * log no longer reaches back; the hub unreachable) the last good state stays with the reason
 * in `info.error`. Going back to live needs no fetch and happens at once.
 */
import { entityKey, type Entity, type EntityRef } from '../../app/domain/entity';
import type { ControlState } from '../../app/protocol/control';
import { dataSpec, ReplayClient, type ReplayChange, type ReplayClientOptions, type ReplaySpec, type ReplayView } from '../../app/replay/replay-client';
import type { DataInfo } from './frame';

export interface DataSourceHooks {
  /** Everything changed: redraw from `entities` (or the live store, when null) at `at`. */
  reset(): void;
  /** Some replayed items changed (and `at` moved). */
  change(upserted: readonly Entity[], removed: readonly EntityRef[]): void;
  /** Only `info` changed (loading, an error). */
  info(): void;
}

export type DataSourceOptions = Pick<ReplayClientOptions, 'hub' | 'token' | 'hubNow' | 'fetch' | 'pollMs'>;

export const LIVE_INFO: DataInfo = { mode: 'live', at: null, pending: false, error: null };

const sameSpec = (a: ReplaySpec, b: ReplaySpec) => a.from === b.from && a.speed === b.speed && a.startedAt === b.startedAt;

export class DataSource {
  /** What the screen shows now; sent to the main thread when it changes. */
  info: DataInfo = LIVE_INFO;
  private client: ReplayClient;
  private hub: string;
  /** What the control state asks for; null = live. */
  private wanted: { spec: ReplaySpec; mode: 'replay' | 'frozen' } | null = null;
  /** The replay on screen; null while live. */
  private view: ReplayView | null = null;

  constructor(
    private readonly opts: DataSourceOptions,
    private readonly hooks: DataSourceHooks,
  ) {
    this.hub = opts.hub;
    this.client = this.makeClient();
  }

  private makeClient(): ReplayClient {
    return new ReplayClient({ ...this.opts, hub: this.hub, onUpdate: (v, c) => this.onUpdate(v, c) });
  }

  /**
   * The feed moved to another hub node (issue 16, hub-failover.ts): the replay's pages come from
   * that node from now on; a replay in progress is asked for again there (the nodes share the log).
   */
  setHub(hub: string): void {
    if (hub === this.hub) return;
    this.hub = hub;
    this.client.stop();
    this.client = this.makeClient();
    if (this.wanted) this.client.start(this.wanted.spec);
  }

  /** True while the screen shows live data (also while a replay is still loading). */
  get live(): boolean {
    return this.view === null;
  }

  /** The replayed entities on screen (read only), or null while live. */
  get entities(): ReadonlyMap<string, Entity> | null {
    return this.view?.entities ?? null;
  }

  /** The moment the replayed entities are of (hub ms), or null while live. */
  get at(): number | null {
    return this.view ? this.info.at : null;
  }

  /** Follows the hub's control state: starts, changes or ends a replay or a freeze. */
  follow(control: Pick<ControlState, 'frozenAt'> & { replay?: ControlState['replay'] }): void {
    const spec = dataSpec(control);
    if (!spec) {
      if (!this.wanted) return;
      this.client.stop();
      this.wanted = null;
      const wasLive = this.live;
      this.view = null;
      this.info = LIVE_INFO;
      if (wasLive) this.hooks.info();
      else this.hooks.reset();
      return;
    }
    const mode = control.replay ? 'replay' : 'frozen';
    if (this.wanted && sameSpec(this.wanted.spec, spec)) return;
    this.wanted = { spec, mode };
    this.client.start(spec);
    this.info = { ...this.info, pending: true, error: null };
    this.hooks.info();
  }

  stop(): void {
    this.client.stop();
  }

  private onUpdate(view: ReplayView, change: ReplayChange): void {
    if (!this.wanted) return;
    if (view.status === 'error') {
      this.info = { ...this.info, error: view.error };
      this.hooks.info();
      return;
    }
    if (change.reset) {
      this.view = view;
      this.info = { mode: this.wanted.mode, at: view.at, pending: false, error: null };
      this.hooks.reset();
      return;
    }
    this.view = view;
    this.info = { ...this.info, at: view.at, error: null };
    // One step may hold several changes of an item, in order; what counts is where it ended.
    const upserted = change.upserted.filter((e) => view.entities.get(entityKey(e)) === e);
    const removed = change.removed.filter((r) => !view.entities.has(entityKey(r)));
    this.hooks.change(upserted, removed);
  }
}
