/**
 * The control state a cluster's hub nodes share (issue 16): every command a node accepts is
 * published to the stream `NAME-control` (subject `NAME.control`, `{cmd, at}`), and every node
 * consumes that stream in order and applies each command to its copy of the state
 * (`applyControl`, with the accepting node's time): the stream's order is the one order of
 * every node, so all of them hold the same state with the same `rev`, and commands sent at once
 * to two nodes are both kept. (A KV compare-and-set is not used: nats-server 2.9 did not
 * enforce the expected revision under concurrent updates of a replicated bucket here: 4 of 60
 * concurrent updates survived.) A node that starts replays the stream before it listens; the
 * stream is compacted (a snapshot of the state every 1,000 commands, the messages before it
 * purged), so that replay stays short and the stream bounded.
 */
import type { JetStreamClient, JetStreamManager, NatsConnection } from 'nats';
import { applyControl, ControlCommandSchema, initialControlState, parseControlState, type ControlCommand, type ControlState } from '../../app/protocol/control';
import type { SharedControl } from '../feed-log';
import { followStream } from './stream-follower';
import { isRefusal, publishRetrying } from './publish-retry';
import { randomUUID } from 'node:crypto';

const enc = new TextEncoder();
const KEPT_STATES = 1000;
/** Messages after the last snapshot that make the next one (and the purge of those before it). */
const COMPACT_EVERY = 1000;
/** How long a command is tried again while the cluster does not answer. */
const PUBLISH_RETRY_MS = 15_000;

export async function openSharedControl(
  nc: NatsConnection,
  jsm: JetStreamManager,
  js: JetStreamClient,
  stream: string,
  replicas: number,
  compactEvery = COMPACT_EVERY,
): Promise<SharedControl & { stop(): void; readonly snapshots: number }> {
  const listeners: ((s: ControlState) => void)[] = [];
  let state: ControlState | null = null;
  let skipped = 0;
  const states = new Map<number, ControlState>();
  let snapshotSeq = 0;
  let compacting = false;
  let snapshots = 0;
  const name = `${stream}-control`;
  const follower = await followStream(nc, jsm, name, `${stream}.control`, replicas, (seq, data) => {
    let cmd: ControlCommand | null = null;
    let at = 0;
    try {
      const m = JSON.parse(Buffer.from(data).toString('utf8')) as { cmd?: unknown; at?: unknown; snapshot?: unknown };
      const snapshot = m.snapshot === undefined ? null : parseControlState(m.snapshot);
      if (snapshot) {
        // The state after every message before it (compaction, below): the same state on a node
        // that applied them, the whole state on one that starts from here.
        snapshotSeq = seq;
        const changed = !state || state.rev !== snapshot.rev;
        state = snapshot;
        states.set(seq, state);
        if (changed) for (const fn of listeners) fn(state);
        return;
      }
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
  // Compaction: once `compactEvery` messages followed the last snapshot, the node that has just
  // stored a command publishes the state it applied as a snapshot, expecting the stream's last
  // seq to be the one it applied (so the snapshot follows exactly the messages it sums up; a
  // command of another node in between: not stored, tried after a later command), then purges
  // every message before the snapshot. A node that starts reads the snapshot and the commands after it.
  const compact = async (): Promise<void> => {
    if (compacting || compactEvery <= 0 || follower.applied() - snapshotSeq < compactEvery) return;
    compacting = true;
    try {
      const upTo = follower.applied();
      const ack = await js.publish(follower.subject, enc.encode(JSON.stringify({ snapshot: state, upTo })), {
        msgID: `snapshot:${upTo}`,
        expect: { lastSequence: upTo },
        timeout: 4000,
      });
      await jsm.streams.purge(name, { seq: ack.seq });
      snapshots++;
    } catch (e) {
      if (!isRefusal(e as Error)) console.error(`hub: cluster control stream not compacted: ${(e as Error).message}`);
    } finally {
      compacting = false;
    }
  };
  return {
    current: () => state!,
    async apply(cmd, at) {
      // Tried again with the same id through a NATS node lost: applied once.
      const ack = await publishRetrying(js, follower.subject, enc.encode(JSON.stringify({ cmd, at })), { msgID: randomUUID() }, PUBLISH_RETRY_MS);
      await follower.reached(ack.seq);
      void compact();
      return states.get(ack.seq) ?? state!;
    },
    onChange(fn) {
      listeners.push(fn);
    },
    get skipped() {
      return skipped;
    },
    get snapshots() {
      return snapshots;
    },
    stop: () => follower.stop(),
  };
}
