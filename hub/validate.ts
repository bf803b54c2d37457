/**
 * Ingest validation: the app/ schemas plus semantic checks. Every reject has a reason code
 * (counted in /metrics, kept in the dead-letter table); a bad item never spoils the good
 * items of its batch and never throws.
 */
import { EntityRefSchema, EntitySchema, entityKey, type Entity, type EntityRef } from '../app/domain/entity';
import { normalizeOktmo } from '../app/domain/municipality';
import { defaultOrgDirectory, type OrgDirectory } from '../app/domain/organisations';
import { DEFAULT_SECTORS } from '../app/domain/sector';
import type { RejectReason } from '../app/protocol/ingest';
import { describeIssues } from '../app/protocol/issues';
import { cleanEntityText } from './clean-text';

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: RejectReason; detail: string };

export interface ValidationContext {
  now: number;
  /** The stored entity with this key, for the version check. */
  stored(key: string): Entity | undefined;
  insideRepublic(lon: number, lat: number): boolean;
  sectorIds?: ReadonlySet<string>;
  /** Organisation directory for `org` and `operator` (default: the built-in one). */
  orgs?: OrgDirectory;
  /** Inside the municipality's boundary (with a tolerance); absent: not checked. */
  insideMunicipality?(oktmo: string, lon: number, lat: number): boolean;
  /** The version an entity had when it was removed (tombstone); absent: not checked. */
  removedVersion?(key: string): number | undefined;
}

/** Clock skew tolerated between a source and the hub. */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;
const MAX_DEPTH = 8;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const DEFAULT_SECTOR_IDS = new Set(DEFAULT_SECTORS.map((s) => s.id));

const SHAPE_OK: Checked<null> = Object.freeze({ ok: true, value: null });

/** Finds a prototype-polluting key or excessive nesting anywhere in a parsed JSON value. */
function hostileShape(v: unknown, depth = 0): Checked<null> {
  if (depth > MAX_DEPTH) return { ok: false, reason: 'too-deep', detail: `nesting deeper than ${MAX_DEPTH}` };
  if (typeof v !== 'object' || v === null) return SHAPE_OK;
  for (const k of Object.keys(v)) {
    if (FORBIDDEN_KEYS.has(k)) return { ok: false, reason: 'prototype-key', detail: `key "${k}" is not allowed` };
    const r = hostileShape((v as Record<string, unknown>)[k], depth + 1);
    if (!r.ok) return r;
  }
  return SHAPE_OK;
}

/** Times that record something that happened (due and planned times are rightly in the future). */
function pastTimesOf(e: Entity): number[] {
  if (e.kind === 'weather') return [e.at];
  return e.kind === 'appeal' ? [e.createdAt, e.answeredAt ?? 0, e.registeredAt ?? 0] : [e.startedAt, e.restoredAt ?? 0];
}

/** No item of the wall predates 2000 (the regulation is of 2020; older data is a unit mistake, seconds for ms). */
export const EARLIEST_TIME = Date.UTC(2000, 0, 1);
/** Due and planned times further ahead than this are a mistake (59-ФЗ: 30 + 30 days at most). */
export const MAX_AHEAD_MS = 400 * 24 * 3_600_000;

const iso = (t: number): string => new Date(t).toISOString();

/** Times in an impossible order or out of any plausible range. */
function implausibleTimes(e: Entity, now: number): Checked<null> {
  const all = e.kind === 'weather' ? [e.at] : e.kind === 'appeal' ? [e.createdAt, e.dueAt, e.answeredAt] : [e.startedAt, e.plannedRestoreAt, e.restoredAt];
  for (const t of all) {
    if (t === undefined) continue;
    if (t < EARLIEST_TIME) return { ok: false, reason: 'implausible-time', detail: `time ${iso(t)} is before 2000 (milliseconds expected)` };
    if (t > now + MAX_AHEAD_MS) return { ok: false, reason: 'implausible-time', detail: `time ${iso(t)} is more than 400 days ahead` };
  }
  if (e.kind === 'appeal' && e.answeredAt !== undefined && e.answeredAt < e.createdAt) {
    return { ok: false, reason: 'inconsistent-times', detail: `answeredAt ${iso(e.answeredAt)} is before createdAt ${iso(e.createdAt)}` };
  }
  if (e.kind === 'accident' && e.restoredAt !== undefined && e.restoredAt < e.startedAt) {
    return { ok: false, reason: 'inconsistent-times', detail: `restoredAt ${iso(e.restoredAt)} is before startedAt ${iso(e.startedAt)}` };
  }
  return SHAPE_OK;
}

/** `org` / `operator` as a directory id: an id, or an exact official or former name mapped to its id. */
function resolveOrgs(e: Entity, dir: OrgDirectory): Checked<Entity> {
  if (e.kind === 'weather') return { ok: true, value: e };
  const field = e.kind === 'appeal' ? 'org' : 'operator';
  const value = e.kind === 'appeal' ? e.org : e.operator;
  const id = dir.resolve(value);
  if (!id) return { ok: false, reason: 'unknown-org', detail: `${field} "${value.slice(0, 80)}" is neither an id nor a name in the organisation directory` };
  if (id === value) return { ok: true, value: e };
  return { ok: true, value: e.kind === 'appeal' ? { ...e, org: id } : { ...e, operator: id } };
}

/** Validates one upsert. On success the municipality is normalised to the 2025 set. */
export function checkEntity(raw: unknown, ctx: ValidationContext): Checked<Entity> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'malformed', detail: 'an entity must be a JSON object' };
  const shape = hostileShape(raw);
  if (!shape.ok) return shape;
  const parsed = EntitySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'schema', detail: describeIssues(parsed.error, 3) };
  const cleaned = cleanEntityText(parsed.data);
  const org = resolveOrgs(cleaned, ctx.orgs ?? defaultOrgDirectory());
  if (!org.ok) return org;
  const e = org.value;
  // A weather reading without a municipality is the republic's (no municipal checks).
  const oktmo = e.municipality === undefined ? undefined : normalizeOktmo(e.municipality);
  if (e.municipality !== undefined && !oktmo)
    return { ok: false, reason: 'unknown-municipality', detail: `municipality ${e.municipality} is not an OKTMO code of Chuvashia` };
  if (e.kind === 'appeal' && !(ctx.sectorIds ?? DEFAULT_SECTOR_IDS).has(e.sector))
    return { ok: false, reason: 'unknown-sector', detail: `sector "${e.sector}" is not configured` };
  if (!ctx.insideRepublic(e.lon, e.lat)) return { ok: false, reason: 'outside-republic', detail: `point ${e.lon}, ${e.lat} is outside the Chuvash Republic` };
  if (oktmo && ctx.insideMunicipality && !ctx.insideMunicipality(oktmo, e.lon, e.lat))
    return { ok: false, reason: 'outside-municipality', detail: `point ${e.lon}, ${e.lat} is outside municipality ${oktmo}` };
  const latest = Math.max(...pastTimesOf(e));
  if (latest > ctx.now + MAX_FUTURE_SKEW_MS)
    return { ok: false, reason: 'future-timestamp', detail: `time ${new Date(latest).toISOString()} is in the future` };
  const times = implausibleTimes(e, ctx.now);
  if (!times.ok) return times;
  const stored = ctx.stored(entityKey(e));
  if (stored && stored.version > e.version)
    return { ok: false, reason: 'stale-version', detail: `version ${e.version} is lower than the stored ${stored.version}` };
  const removed = stored ? undefined : ctx.removedVersion?.(entityKey(e));
  if (removed !== undefined && e.version <= removed)
    return { ok: false, reason: 'stale-version', detail: `removed at version ${removed}; version ${e.version} cannot bring it back` };
  return { ok: true, value: oktmo === undefined || oktmo === e.municipality ? e : { ...e, municipality: oktmo } };
}

/** Validates one removal. */
export function checkRemove(raw: unknown): Checked<EntityRef> {
  const shape = hostileShape(raw);
  if (!shape.ok) return shape;
  const parsed = EntityRefSchema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: 'schema', detail: describeIssues(parsed.error, 3) };
}
