/**
 * Order-independent hash of a set of entities: each entity is written as canonical JSON
 * (object keys sorted, no whitespace), hashed with SHA-256, and the sorted digests are hashed
 * again. Two stores hold the same entities exactly when their hashes are equal, whatever the
 * order in which the entities arrived or are iterated.
 */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level; `undefined` members are left out as JSON does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const s = JSON.stringify(value);
    return s === undefined ? 'null' : s;
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(obj).sort()) {
    const v = obj[k];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    parts.push(`${JSON.stringify(k)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/** SHA-256 (hex) of one entity's canonical JSON. */
export function entityDigest(entity: unknown): string {
  return createHash('sha256').update(canonicalJson(entity)).digest('hex');
}

/** Hash of a multiset of entities, independent of their order. */
export function stateHash(entities: Iterable<unknown>): string {
  const digests: string[] = [];
  for (const e of entities) digests.push(entityDigest(e));
  digests.sort();
  const h = createHash('sha256');
  h.update(`${digests.length}\n`);
  for (const d of digests) h.update(d);
  return h.digest('hex');
}
