/**
 * A small stream every hub node of a cluster reads whole and in order (issue 16: the control
 * commands, the configuration versions): made on first use, consumed from its first message
 * with an ordered consumer, each message handed to `apply` once, in stream order. `open`
 * resolves once the messages stored before it have been applied, so a node that starts serves
 * the same state as the others.
 */
import type { JetStreamManager, NatsConnection, StreamInfo } from 'nats';
import { readStream } from './stream-reader';

export interface StreamFollower {
  readonly name: string;
  readonly subject: string;
  readonly info: StreamInfo;
  /** Seq of the last message applied here. */
  applied(): number;
  /** Resolves once the message at `seq` (and every one before it) has been applied here. */
  reached(seq: number): Promise<void>;
  /** Resolves once everything the stream holds now has been applied here. */
  caughtUp(): Promise<void>;
  stop(): void;
}

export async function followStream(
  nc: NatsConnection,
  jsm: JetStreamManager,
  name: string,
  subject: string,
  replicas: number,
  apply: (seq: number, data: Uint8Array) => void,
): Promise<StreamFollower> {
  await jsm.streams.info(name).catch((e: Error) => {
    if (!/not found/i.test(e.message)) throw e;
    return jsm.streams.add({ name, subjects: [subject], num_replicas: replicas, duplicate_window: 120 * 1e9 });
  });
  const info = await jsm.streams.info(name);
  let applied = 0;
  const waiters = new Map<number, (() => void)[]>();
  const reached = (seq: number): Promise<void> =>
    seq <= applied
      ? Promise.resolve()
      : new Promise((resolve) => {
          const list = waiters.get(seq) ?? [];
          list.push(resolve);
          waiters.set(seq, list);
        });
  const ready = reached(info.state.last_seq);
  const reader = await readStream({
    nc,
    stream: name,
    next: () => applied + 1,
    onMessage: (seq, data) => {
      applied = seq;
      try {
        apply(seq, data);
      } catch (e) {
        console.error(`hub: cluster stream ${name} seq ${seq} not applied: ${(e as Error).message}`);
      }
      for (const [s, fns] of waiters) {
        if (s > seq) continue;
        waiters.delete(s);
        for (const fn of fns) fn();
      }
    },
  });
  await ready;
  return {
    name,
    subject,
    info,
    applied: () => applied,
    reached,
    caughtUp: async () => reached((await jsm.streams.info(name)).state.last_seq),
    stop: () => reader.stop(),
  };
}
