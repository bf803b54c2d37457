/**
 * Feed protocol v1: the socket.io event maps shared by the hub and every client, and the
 * runtime schemas of each payload. Names are `domain:verb` and are a public contract.
 *
 * Flow: connect → server `feed:hello` → client `feed:subscribe {resume?}` (ack) → server
 * `feed:snapshot` chunks (consistent at one `seq`) or the missing `feed:delta`s → live
 * `feed:delta` (seq = previous + 1) and `feed:heartbeat` at least every 5 s.
 */
import { z } from 'zod';
import { EntityRefSchema, EntitySchema } from '../domain/entity';
import type { SnapshotColumns } from './snapshot-columns';

/** Version of this protocol, sent in `feed:hello`. */
export const PROTOCOL_VERSION = 1;
/** Most entities in one `feed:snapshot` chunk. */
export const SNAPSHOT_CHUNK_SIZE = 1000;
/** The hub sends `feed:heartbeat` at least this often (ms). */
export const HEARTBEAT_INTERVAL_MS = 5000;
/** A client calls the feed stale after this many missed heartbeats. */
export const STALE_AFTER_MISSED_HEARTBEATS = 2;

const seq = z.number().int().nonnegative();
const epoch = z.string().min(1).max(64);
const time = z.number().int().nonnegative();

/** Server → client, once per connection. */
export const HelloSchema = z.strictObject({ protocol: z.literal(PROTOCOL_VERSION), epoch, headSeq: seq, serverTime: time });
/** Client → server. `resume` asks for the changes after `seq` of `epoch`. Ack: {@link SubscribeAck}. */
export const SubscribeSchema = z.strictObject({ resume: z.strictObject({ epoch, seq }).optional() });
/** Server → client: one chunk of a snapshot consistent at `seq`; `chunk` counts from 0. */
export const SnapshotSchema = z.strictObject({
  epoch,
  seq,
  chunk: z.number().int().nonnegative(),
  chunks: z.number().int().positive(),
  entities: z.array(EntitySchema).max(SNAPSHOT_CHUNK_SIZE),
});
/** Server → client: one accepted change of the log; `seq` is exactly the previous + 1. */
export const DeltaSchema = z.strictObject({
  epoch,
  seq,
  upserts: z.array(EntitySchema),
  removes: z.array(EntityRefSchema),
  serverTime: time,
});
/** Server → client, at least every {@link HEARTBEAT_INTERVAL_MS} even when idle. */
export const HeartbeatSchema = z.strictObject({ epoch, headSeq: seq, serverTime: time });

export type Hello = z.infer<typeof HelloSchema>;
export type Subscribe = z.infer<typeof SubscribeSchema>;
export type Snapshot = z.infer<typeof SnapshotSchema>;
export type Delta = z.infer<typeof DeltaSchema>;
export type Heartbeat = z.infer<typeof HeartbeatSchema>;
export interface SubscribeAck {
  ok: boolean;
  error?: string;
  /** How the hub will bring the client up to date. */
  mode?: 'snapshot' | 'resume';
  /** With a rate-limit refusal: when to subscribe again (ms). */
  retryAfterMs?: number;
}

/** Events the hub sends on every reading namespace (`/wall`, `/touch`, `/presenter`, `/admin`). */
export interface FeedServerEvents {
  'feed:hello': (msg: Hello) => void;
  'feed:snapshot': (msg: Snapshot) => void;
  /** A snapshot chunk as binary columns, to a client that asked for them in its handshake (snapshot-columns.ts). */
  'feed:snapshot-columns': (msg: SnapshotColumns) => void;
  'feed:delta': (msg: Delta) => void;
  'feed:heartbeat': (msg: Heartbeat) => void;
}

/** Events a reading client sends. */
export interface FeedClientEvents {
  'feed:subscribe': (msg: Subscribe, ack: (res: SubscribeAck) => void) => void;
}

/** Roles are namespaces; a token grants exactly one role (deny by default). */
export const ROLES = ['wall', 'touch', 'presenter', 'ingest', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** Roles that receive the feed. `/wall` and `/touch` get the public projection only. */
export const READING_ROLES: readonly Role[] = ['wall', 'touch', 'presenter', 'admin'];
