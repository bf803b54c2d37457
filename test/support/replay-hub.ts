/**
 * A real hub for the replay tests (renderer/replay, renderer/worker): the in-process hub of
 * hub-fixture.ts on port 0, whose clock the test sets, so each change is published at a
 * chosen serverTime, and the real global fetch against it with a wall token (the replay API
 * answers in the wall's projection). The fetch records every request's path and query, so a
 * test can count and read what the client asked for. No fake of hub/replay.ts: paging, the
 * 409 of a trimmed log and the projection are the hub's own.
 */
import type { Entity, EntityRef } from '../../app/domain/entity';
import type { Delta } from '../../app/protocol/feed';
import { makeAppeal } from './entities';
import { startTestHub } from './hub-fixture';

/** The replayed period of the tests: a moment in 2027, hub time (Unix ms). */
export const T0 = 1_800_000_000_000;

/** For `vi.waitFor`: waits only guard against hangs; a loaded machine is slow to parse thousands of changes. */
export const WAIT = { timeout: 10_000 };

/** An appeal in Чебоксары created before T0 (the replay tests' defaults). */
export function replayAppeal(id: string, version = 1, createdAt = T0 - 1000): Entity {
  return makeAppeal({ id, version, title: `Обращение ${id}`, createdAt });
}

export interface ReplayHub {
  readonly url: string;
  /** A wall token: the replay comes in the public projection. */
  readonly token: string;
  /** The hub's clock; `publish` moves it to the change's moment. */
  readonly clock: { now: number };
  /** The real global fetch, recording each request. */
  readonly fetch: typeof fetch;
  /** Path and query of every request made through `fetch`, in order. */
  readonly requests: string[];
  /** Publishes a change at hub time `at` (its serverTime), as the hub does for accepted input. */
  publish(at: number, upserts: Entity[], removes?: EntityRef[]): Promise<Delta>;
  close(): Promise<void>;
}

/**
 * Starts a hub on port 0. `retain`: the changes its log keeps; publish more and the log no
 * longer starts at seq 1, so `/api/v1/replay/state` answers 409.
 */
export async function startReplayHub(opts: { retain?: number } = {}): Promise<ReplayHub> {
  const clock = { now: T0 };
  const running = await startTestHub({ retain: opts.retain, now: () => clock.now });
  const requests: string[] = [];
  const recording: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    requests.push(url.pathname + url.search);
    return globalThis.fetch(input, init);
  };
  return {
    url: running.url,
    token: 'dev-wall',
    clock,
    fetch: recording,
    requests,
    publish(at, upserts, removes = []) {
      clock.now = at;
      return running.hub.publish({ upserts, removes });
    },
    close: () => running.close(),
  };
}
