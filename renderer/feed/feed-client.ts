/**
 * Main-thread end of the feed worker: starts it, routes frames to the map (typed arrays)
 * and to the UI store (small objects), and mirrors feed health on `<html data-*>` for
 * monitoring and tests.
 */
import { useUi } from '../state/ui-store';
import type { PointBuffers, WorkerCommand, WorkerFrame } from './frame';

export interface FeedClientOptions {
  hub: string;
  token: string;
  role: 'wall' | 'touch' | 'presenter';
  onPoints(appeals: PointBuffers, accidents: PointBuffers): void;
}

export function startFeed(opts: FeedClientOptions): () => void {
  const worker = new Worker(new URL('./feed-worker.ts', import.meta.url), { type: 'module', name: 'feed' });
  worker.onmessage = (ev: MessageEvent<WorkerFrame>) => {
    const f = ev.data;
    if (f.appeals && f.accidents) opts.onPoints(f.appeals, f.accidents);
    const root = document.documentElement;
    root.dataset.seq = String(f.feed.seq);
    root.dataset.epoch = f.feed.epoch ?? '';
    if (f.counts) root.dataset.entities = String(f.counts.appeals + f.counts.accidents);
    useUi.setState((s) => ({ feed: f.feed, counts: f.counts ?? s.counts, ticker: f.ticker ?? s.ticker }));
  };
  worker.onerror = (e) => console.error('feed worker failed:', e.message);
  const start: WorkerCommand = { type: 'start', hub: opts.hub, token: opts.token, role: opts.role };
  worker.postMessage(start);
  return () => worker.terminate();
}
