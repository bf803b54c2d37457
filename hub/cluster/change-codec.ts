/**
 * How a change travels in the cluster's stream (hub/cluster/nats-log.ts): one JSON message per
 * change, `{upserts, removes, serverTime}`, and its message id for JetStream's de-duplication.
 */
import { createHash, randomUUID } from 'node:crypto';
import { entityKey, type Entity, type EntityRef } from '../../app/domain/entity';
import type { Change } from '../feed-log';

export interface StreamChange {
  upserts: Entity[];
  removes: EntityRef[];
  serverTime: number;
}

export function encodeChange(change: Change, serverTime: number): Uint8Array {
  return Buffer.from(JSON.stringify({ upserts: change.upserts, removes: change.removes, serverTime }));
}

/** The stream holds only what the hubs published (already validated): parsed, not checked again. */
export function decodeChange(data: Uint8Array): StreamChange {
  const m = JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8')) as Partial<StreamChange>;
  return { upserts: m.upserts ?? [], removes: m.removes ?? [], serverTime: m.serverTime ?? 0 };
}

/**
 * The message id: every entity's key and version (a removal: the version it removes), hashed.
 * The same change published again (a retry after a lost ack) is stored once; a change with
 * nothing in it gets a random id.
 */
export function changeMsgId(change: Change, removedVersions: readonly number[]): string {
  if (change.upserts.length + change.removes.length === 0) return randomUUID();
  const h = createHash('sha256');
  for (const e of change.upserts) h.update(`u ${entityKey(e)} ${e.version}\n`);
  change.removes.forEach((r, i) => h.update(`r ${entityKey(r)} ${removedVersions[i] ?? 0}\n`));
  return h.digest('base64url');
}
