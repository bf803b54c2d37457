/**
 * The audit log of commands shared by a cluster's nodes (issue 16): each node publishes its
 * entries to the stream `NAME-audit` (R as the log's, the newest 1,000,000 kept) and takes
 * every node's entries, its own included, from it into its memory (the newest 10,000, as
 * `MemoryFeedLog` keeps), so `/api/v1/audit` on any node shows the commands sent to all of them.
 * An entry that cannot be published stays in this node's memory only (and is counted).
 */
import { DiscardPolicy, type JetStreamClient, type JetStreamManager, type NatsConnection } from 'nats';
import { readStream } from './stream-reader';
import { publishRetrying } from './publish-retry';
import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../feed-log';

export interface SharedAudit {
  publish(entry: AuditEntry): void;
  /** Entries kept only here because the publish failed. */
  readonly localOnly: number;
  stop(): void;
}

export async function openSharedAudit(
  nc: NatsConnection,
  jsm: JetStreamManager,
  js: JetStreamClient,
  stream: string,
  replicas: number,
  keep: (e: AuditEntry) => void,
): Promise<SharedAudit> {
  const name = `${stream}-audit`;
  const subject = `${stream}.audit`;
  await jsm.streams
    .info(name)
    .catch(() => jsm.streams.add({ name, subjects: [subject], num_replicas: replicas, max_msgs: 1_000_000, discard: DiscardPolicy.Old }));
  const info = await jsm.streams.info(name);
  let next = Math.max(info.state.first_seq, info.state.last_seq - 10_000 + 1, 1);
  const reader = await readStream({
    nc,
    stream: name,
    next: () => next,
    onMessage: (seq, data) => {
      next = seq + 1;
      try {
        keep(JSON.parse(Buffer.from(data).toString('utf8')) as AuditEntry);
      } catch {
        // not an entry: skipped
      }
    },
  });
  let localOnly = 0;
  return {
    publish(entry) {
      publishRetrying(js, subject, Buffer.from(JSON.stringify(entry)), { msgID: randomUUID() }, 15_000).catch(() => {
        localOnly++;
        keep(entry);
      });
    },
    get localOnly() {
      return localOnly;
    },
    stop: () => reader.stop(),
  };
}
