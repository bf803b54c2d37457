/**
 * The alarm record of a cluster (issue 16): the operations of every node's alarm store (raise,
 * ack, clear; hub/alarms/alarm-store.ts) go through the stream `NAME-alarms` (subject
 * `NAME.alarms`), and every node applies every node's operations in the stream's order, so each
 * alarm key has one record for the whole cluster and an acknowledgement taken on one node is on
 * all of them. Operations published alike by several nodes (each evaluates the same rules on the
 * same state) carry the same message id and are stored once (2 min de-duplication window).
 * The stream keeps the newest 1,000,000 operations (years of a ЦУР's alarms).
 */
import { DiscardPolicy, type JetStreamClient, type JetStreamManager, type NatsConnection } from 'nats';
import { isAlarmOp, type AlarmBus, type AlarmOp } from '../alarms/alarm-store';
import { publishRetrying } from './publish-retry';
import { followStream, type StreamFollower } from './stream-follower';

/** How long an operation is tried again while the cluster does not answer. */
const PUBLISH_RETRY_MS = 15_000;
const MAX_OPS = 1_000_000;

export interface SharedAlarms extends AlarmBus {
  /** Operations in the stream that were not operations (skipped on every node alike). */
  readonly skipped: number;
  stop(): void;
}

export async function openSharedAlarms(
  nc: NatsConnection,
  jsm: JetStreamManager,
  js: JetStreamClient,
  stream: string,
  replicas: number,
): Promise<SharedAlarms> {
  const name = `${stream}-alarms`;
  const subject = `${stream}.alarms`;
  const config = { max_msgs: MAX_OPS, discard: DiscardPolicy.Old };
  await jsm.streams.info(name).catch((e: Error) => {
    if (!/not found/i.test(e.message)) throw e;
    return jsm.streams.add({ name, subjects: [subject], num_replicas: replicas, duplicate_window: 120 * 1e9, ...config });
  });
  let follower: StreamFollower | null = null;
  let stopped = false;
  let skipped = 0;
  const enc = new TextEncoder();
  return {
    async publish(op: AlarmOp, msgID: string) {
      await publishRetrying(js, subject, enc.encode(JSON.stringify(op)), { msgID }, PUBLISH_RETRY_MS, () => stopped);
    },
    async attach(apply) {
      follower = await followStream(nc, jsm, name, subject, replicas, (_seq, data) => {
        let op: unknown;
        try {
          op = JSON.parse(Buffer.from(data).toString('utf8'));
        } catch {
          op = null;
        }
        if (isAlarmOp(op)) apply(op);
        else skipped++;
      });
    },
    get skipped() {
      return skipped;
    },
    stop() {
      stopped = true;
      follower?.stop();
    },
  };
}
