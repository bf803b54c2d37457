/**
 * Main-thread end of the feed worker: starts it, routes map frames to the map (typed arrays)
 * and hands their superseded buffers back to the worker, routes panel data to the UI store
 * (small objects), and mirrors feed health and the data's mode (live, replay, frozen) on
 * `<html data-*>` for monitoring and tests.
 */
import type { MunicipalitySetId } from '../../app/domain/municipality';
import { setHubOffset, syncDataNow } from '../state/clock-store';
import { applyPanelFrame, useUi } from '../state/ui-store';
import { applyPageConfig } from '../scenes/live-config-store';
import { setOrganisations } from '../state/live-config-store';
import { pageParams } from '../route';
import { hubList } from './hub-list';
import type { ClockConfig, MapFrame, PanelFocus, WorkerCommand, WorkerFrame } from '../worker/frame';

export interface FeedClientOptions {
  hub: string;
  token: string;
  role: 'wall' | 'touch' | 'presenter';
  clock: ClockConfig;
  municipalitySet: MunicipalitySetId;
  /** Applies a map frame; returns the buffers it no longer needs (recycled by the worker). */
  onMap(frame: MapFrame): ArrayBuffer[];
}

export interface FeedHandle {
  /** Asks the worker to send every map layer again (after a WebGL context restore). */
  resend(): void;
  /** Also compute the panels of these sectors or municipalities (the focus scenes). */
  setFocus(focus: PanelFocus[]): void;
  stop(): void;
}

export function startFeed(opts: FeedClientOptions): FeedHandle {
  const worker = new Worker(new URL('../worker/feed-worker.ts', import.meta.url), { type: 'module', name: 'feed' });
  const post = (cmd: WorkerCommand, transfer: Transferable[] = []) => worker.postMessage(cmd, transfer);
  worker.onmessage = (ev: MessageEvent<WorkerFrame>) => {
    const f = ev.data;
    if (f.map) {
      const done = opts.onMap(f.map);
      // Acknowledged (with the superseded buffers) on the next page frame, so the worker
      // sends at most one map frame per frame the page can show.
      requestAnimationFrame(() => post({ type: 'recycle', buffers: done }, done));
    }
    const root = document.documentElement;
    root.dataset.seq = String(f.feed.seq);
    root.dataset.epoch = f.feed.epoch ?? '';
    // Whole snapshots asked for: 1 at start, more after a gap or a new epoch (monitoring; the cold-start bench prints it).
    if (root.dataset.resyncs !== String(f.feed.resyncs)) root.dataset.resyncs = String(f.feed.resyncs);
    // The hub node in use (issue 16: a cluster's walls fail over between nodes).
    if (f.feed.hub) root.dataset.hub = f.feed.hub;
    if (f.counts) root.dataset.entities = String(f.counts.appeals + f.counts.accidents);
    setHubOffset(f.feed.serverOffsetMs);
    useUi.setState((s) => ({ feed: f.feed, counts: f.counts ?? s.counts, ticker: f.ticker ?? s.ticker }));
    applyPanelFrame(f);
    if (f.config) applyPageConfig(f.config);
    // The organisation names (renderer/panels/org-label.ts): the one store of every page's hub documents.
    if (f.config?.organisations) setOrganisations(f.config.organisations);
    if (f.data) {
      // What the numbers on screen are of (tests, monitoring): live, replay or frozen, and when.
      root.dataset.dataMode = f.data.mode;
      root.dataset.dataAt = f.data.at === null ? '' : String(f.data.at);
      syncDataNow();
    }
  };
  worker.onerror = (e) => console.error('feed worker failed:', e.message);
  post({
    type: 'start',
    hub: opts.hub,
    hubs: hubList(opts.hub, pageParams(location.href).get('hub')),
    token: opts.token,
    role: opts.role,
    clock: opts.clock,
    municipalitySet: opts.municipalitySet,
  });
  return {
    resend: () => post({ type: 'resend' }),
    setFocus: (focus) => post({ type: 'focus', focus }),
    stop: () => worker.terminate(),
  };
}
