/**
 * The control state a cluster's hub nodes share (issue 16): every command a node accepts is
 * published to the stream `NAME-control` (subject `NAME.control`, `{cmd, at}`), and every node
 * consumes that stream in order and applies each command to its copy of the state
 * (`applyControl`, with the accepting node's time): the stream's order is the one order of
 * every node, so all of them hold the same state with the same `rev`, and commands sent at once
 * to two nodes are both kept. (A KV compare-and-set is not used: nats-server 2.9 did not
 * enforce the expected revision under concurrent updates of a replicated bucket here: 4 of 60
 * concurrent updates survived.) A node that starts replays the stream before it listens.
 */
import type { JetStreamClient, JetStreamManager, NatsConnection } from 'nats';
import { applyControl, ControlCommandSchema, initialControlState, type ControlCommand, type ControlState } from '../../app/protocol/control';
import type { SharedControl } from '../feed-log';
import { followStream } from './stream-follower';
import { publishRetrying } from './publish-retry';
import { randomUUID } from 'node:crypto';

const enc = new TextEncoder();
const KEPT_STATES = 1000;
/** How long a command is tried again while the cluster does not answer. */
const PUBLISH_RETRY_MS = 15_000;

export async function openSharedControl(
  nc: NatsConnection,
  jsm: JetStreamManager,
  js: JetStreamClient,
  stream: string,
  replicas: number,
): Promise<SharedControl & { stop(): void }> {
  const listeners: ((s: ControlState) => void)[] = [];
  let state: ControlState | null = null;
  let skipped = 0;
  const states = new Map<number, ControlState>();
  const follower = await followStream(nc, jsm, `${stream}-control`, `${stream}.control`, replicas, (seq, data) => {
    let cmd: ControlCommand | null = null;
    let at = 0;
    try {
      const m = JSON.parse(Buffer.from(data).toString('utf8')) as { cmd?: unknown; at?: unknown };
      const parsed = ControlCommandSchema.safeParse(m.cmd);
      if (parsed.success && typeof m.at === 'number') [cmd, at] = [parsed.data, m.at];
    } catch {
      // not a command: skipped (on every node alike)
    }
    if (!cmd) {
      skipped++;
      return;
    }
    // The same starting state on every node: the first command's time, not a node's clock.
    state = applyControl(state ?? initialControlState(at), cmd, at);
    // The state each command made, for its sender's acknowledgement (the newest ones).
    states.set(seq, state);
    if (states.size > KEPT_STATES) states.delete(states.keys().next().value!);
    for (const fn of listeners) fn(state);
  });
  state ??= initialControlState(Date.parse(follower.info.created) || 0);
  return {
    current: () => state!,
    async apply(cmd, at) {
      // Tried again with the same id through a NATS node lost: applied once.
      const ack = await publishRetrying(js, follower.subject, enc.encode(JSON.stringify({ cmd, at })), { msgID: randomUUID() }, PUBLISH_RETRY_MS);
      await follower.reached(ack.seq);
      return states.get(ack.seq) ?? state!;
    },
    onChange(fn) {
      listeners.push(fn);
    },
    get skipped() {
      return skipped;
    },
    stop: () => follower.stop(),
  };
}
