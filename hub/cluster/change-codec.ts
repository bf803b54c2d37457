/**
 * How a change travels in the cluster's stream (hub/cluster/nats-log.ts): one JSON message per
 * change, `{upserts, removes, serverTime}`, and its message id for JetStream's de-duplication.
 */
import { createHash, randomUUID } from 'node:crypto';
import { entityKey, EntityHeadSchema, EntityRefSchema, TimeMsSchema, type Entity, type EntityRef } from '../../app/domain/entity';
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
  /** `serverTime` null: missing or not a time (the log uses the last applied change's). */
  change: Omit<StreamChange, 'serverTime'> & { serverTime: number | null };
  error: string | null;
}

/** A removal names an entity; an upsert has what the projection needs (a kind, an id, a version). */
const isRef = (v: unknown): v is EntityRef => EntityRefSchema.safeParse(v).success;
const isUpsert = (v: unknown): v is Entity => EntityHeadSchema.safeParse(v).success;
const isTime = (v: unknown): v is number => TimeMsSchema.safeParse(v).success;

/**
 * The hubs publish only validated changes, but anything with access to NATS can put a message
 * on the subject: a message that is not a change is read as an empty one (the seq stays
 * gap-free and the projection goes on); an upsert without a kind, an id and a version, or a
 * removal that names no entity, is left out; a missing or impossible `serverTime` is null.
 * Entities are otherwise kept as published, not re-checked against this node's schema: a node
 * of a newer version may publish a field this one does not know yet (a rolling upgrade), and
 * every node must hold the same entities. `error` says what was refused (the log counts it).
 */
export function decodeChange(data: Uint8Array): DecodedChange {
  let m: unknown;
  try {
    m = JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
  } catch (e) {
    return { change: { upserts: [], removes: [], serverTime: null }, error: `not JSON (${(e as Error).message})` };
  }
  const o = m as Partial<Record<keyof StreamChange, unknown>> | null;
  if (!o || typeof o !== 'object' || Array.isArray(o)) return { change: { upserts: [], removes: [], serverTime: null }, error: 'not an object' };
  const upserts = o.upserts ?? [];
  const removes = o.removes ?? [];
  const serverTime = isTime(o.serverTime) ? o.serverTime : null;
  if (!Array.isArray(upserts) || !Array.isArray(removes))
    return { change: { upserts: [], removes: [], serverTime }, error: 'upserts and removes must be lists' };
  const problems: string[] = [];
  if (serverTime === null) problems.push(`serverTime ${JSON.stringify(o.serverTime ?? null)} is not a time`);
  const change = { upserts: upserts.filter(isUpsert), removes: removes.filter(isRef), serverTime };
  const left = upserts.length - change.upserts.length + removes.length - change.removes.length;
  if (left > 0) problems.push(`${left} of ${upserts.length + removes.length} upserts and removals left out (no kind, id or version)`);
  return { change, error: problems.length ? problems.join('; ') : null };
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
