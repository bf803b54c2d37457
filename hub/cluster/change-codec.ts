/**
 * How a change travels in the cluster's stream (hub/cluster/nats-log.ts): one JSON message per
 * change, `{upserts, removes, serverTime}`, and its message id for JetStream's de-duplication.
 */
import { createHash, randomUUID } from 'node:crypto';
import { entityKey, EntityRefSchema, EntitySchema, type Entity, type EntityRef } from '../../app/domain/entity';
import type { Change } from '../feed-log';

export interface StreamChange {
  upserts: Entity[];
  removes: EntityRef[];
  serverTime: number;
}

export function encodeChange(change: Change, serverTime: number): Uint8Array {
  return Buffer.from(JSON.stringify({ upserts: change.upserts, removes: change.removes, serverTime }));
}

/** A change read back, and what in it was refused (null: nothing). */
export interface DecodedChange {
  change: StreamChange;
  error: string | null;
}

const EMPTY = (): StreamChange => ({ upserts: [], removes: [], serverTime: 0 });

/**
 * The hubs publish only validated changes, but anything with access to NATS can put a message
 * on the subject: a message that is not a change is read as an empty one (the seq stays
 * gap-free and the projection goes on), an upsert or removal that is not valid is left out;
 * `error` says what was refused (the log counts and reports it).
 */
export function decodeChange(data: Uint8Array): DecodedChange {
  let m: unknown;
  try {
    m = JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
  } catch (e) {
    return { change: EMPTY(), error: `not JSON (${(e as Error).message})` };
  }
  const o = m as Partial<Record<keyof StreamChange, unknown>> | null;
  if (!o || typeof o !== 'object' || Array.isArray(o)) return { change: EMPTY(), error: 'not an object' };
  const upserts = o.upserts ?? [];
  const removes = o.removes ?? [];
  const serverTime = o.serverTime ?? 0;
  if (!Array.isArray(upserts) || !Array.isArray(removes) || typeof serverTime !== 'number' || !Number.isFinite(serverTime))
    return { change: EMPTY(), error: 'upserts and removes must be lists and serverTime a number' };
  const change: StreamChange = { upserts: [], removes: [], serverTime };
  let refused = 0;
  let first = '';
  for (const u of upserts) {
    const r = EntitySchema.safeParse(u);
    if (r.success) change.upserts.push(r.data);
    else if (refused++ === 0) first = `upsert: ${r.error.issues[0]?.path.join('.') ?? ''} ${r.error.issues[0]?.message ?? ''}`.trim();
  }
  for (const x of removes) {
    const r = EntityRefSchema.safeParse(x);
    if (r.success) change.removes.push(r.data);
    else if (refused++ === 0) first = `remove: ${r.error.issues[0]?.message ?? 'not an entity reference'}`;
  }
  return { change, error: refused > 0 ? `${refused} of ${upserts.length + removes.length} left out (first: ${first})` : null };
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
