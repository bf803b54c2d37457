/**
 * A small stream every hub node of a cluster reads whole and in order (issue 16: the control
 * commands, the configuration versions): made on first use, consumed from its first message
 * with an ordered consumer, each message handed to `apply` once, in stream order. `open`
 * resolves once the messages stored before it have been applied, so a node that starts serves
 * the same state as the others.
 */
import { DeliverPolicy, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type StreamInfo } from 'nats';

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
  jsm: JetStreamManager,
  js: JetStreamClient,
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
  const consumer = await js.consumers.get(name, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: 1 });
  const messages: ConsumerMessages = await consumer.consume({ max_messages: 1000, expires: 5000 });
  void (async () => {
    for await (const m of messages) {
      if (m.seq <= applied) continue;
      applied = m.seq;
      try {
        apply(m.seq, m.data);
      } catch (e) {
        console.error(`hub: cluster stream ${name} seq ${m.seq} not applied: ${(e as Error).message}`);
      }
      for (const [s, fns] of waiters) {
        if (s > m.seq) continue;
        waiters.delete(s);
        for (const fn of fns) fn();
      }
    }
  })().catch(() => undefined);
  await ready;
  return {
    name,
    subject,
    info,
    applied: () => applied,
    reached,
    caughtUp: async () => reached((await jsm.streams.info(name)).state.last_seq),
    stop: () => messages.stop(),
  };
}
