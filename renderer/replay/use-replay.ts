/**
 * React binding of the replay client: follows `spec` (a replay, or a frozen moment at speed 0)
 * and re-renders on every update; null when there is nothing to replay, a `loading` view
 * until the first state of a new spec has come.
 */
import { useEffect, useRef, useState } from 'react';
import { ReplayClient, replayedTime, type ReplaySpec, type ReplayView } from '../../app/replay/replay-client';

export interface UseReplayOptions {
  hub: string;
  token: string;
  hubNow: () => number;
}

const specKey = (s: ReplaySpec) => `${s.from}|${s.speed}|${s.startedAt}`;
const EMPTY = new Map();

export function useReplay(spec: ReplaySpec | null, opts: UseReplayOptions): ReplayView | null {
  const [view, setView] = useState<ReplayView | null>(null);
  const client = useRef<ReplayClient | null>(null);
  const hubNow = useRef(opts.hubNow);
  hubNow.current = opts.hubNow;
  const specRef = useRef(spec);
  specRef.current = spec;
  const key = spec ? specKey(spec) : '';

  useEffect(() => {
    const c = new ReplayClient({ hub: opts.hub, token: opts.token, hubNow: () => hubNow.current(), onUpdate: (v) => setView({ ...v }) });
    client.current = c;
    return () => {
      c.stop();
      client.current = null;
    };
  }, [opts.hub, opts.token]);

  // Keyed on the spec's identity: the object itself is new with every control:state.
  useEffect(() => {
    const c = client.current;
    if (!c) return;
    if (specRef.current) c.start(specRef.current);
    else c.stop();
  }, [key, opts.hub, opts.token]);

  if (!spec) return null;
  if (view && specKey(view.spec) === key) return view;
  return { spec, status: 'loading', error: null, entities: EMPTY, at: replayedTime(spec, opts.hubNow()), seq: 0, rev: 0 };
}
