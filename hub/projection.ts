/**
 * What each role may see. `/wall` and `/touch` get the public projection, built field by
 * field from controlled values only (an allowlist: a field added to the schema tomorrow does
 * not reach a public screen until it is listed here): sector, a topic from the topic list,
 * municipality, an organisation id from the directory, channel, status, times, the coarse
 * point; an appeal's title is composed by the hub from its topic and place, never the
 * citizen's words; an accident's address is cut to street + house (a building, not a person).
 * `/presenter` and `/admin` get the stored entity (redacted at ingest; defence in depth) less
 * the applicant and object keys.
 */
import type { Accident, Appeal, Entity } from '../app/domain/entity';
import { defaultOrgDirectory, UNMATCHED_ORG_ID, type OrgDirectory } from '../app/domain/organisations';
import { DEFAULT_SECTORS, type Sector } from '../app/domain/sector';
import { defaultTopicList, publicAppealTitle, type TopicList } from '../app/domain/topics';
import type { Delta, Role } from '../app/protocol/feed';
import { publicAddress } from './public-address';

export type Projection = 'public' | 'full';

/**
 * The reference data the public projection names things by: the current `organisations`,
 * `topics` and `sectors` documents (issue 12). The hub's configuration store installs itself
 * (`hub/config-live.ts`, `setPublicReference`) so a document saved a moment ago applies to the
 * next item projected; until then (a bare `createHub`, unit tests) the built-in documents.
 * One per process: a process runs one hub (tests that start several use the same documents).
 */
export interface PublicReference {
  orgs: OrgDirectory;
  topics: TopicList;
  sectors: readonly Sector[];
}

const builtInReference = (): PublicReference => ({ orgs: defaultOrgDirectory(), topics: defaultTopicList(), sectors: DEFAULT_SECTORS });
let reference: () => PublicReference = builtInReference;

/** Makes the projection read its reference data from `fn` (the configuration store's current documents); null: the built-in ones. */
export function setPublicReference(fn: (() => PublicReference) | null): void {
  reference = fn ?? builtInReference;
}

/** The reference data in effect (also `GET /api/v1/organisations` and the ratings' names). */
export function publicReference(): PublicReference {
  return reference();
}

export function projectionOf(role: Role): Projection {
  return role === 'wall' || role === 'touch' ? 'public' : 'full';
}

function publicOrg(id: string, ref: PublicReference): string {
  return ref.orgs.get(id) ? id : UNMATCHED_ORG_ID;
}

function publicAppeal(a: Appeal, ref: PublicReference): Appeal {
  const topic = ref.topics.find(a.topic);
  return {
    kind: 'appeal',
    id: a.id,
    version: a.version,
    municipality: a.municipality,
    lon: a.lon,
    lat: a.lat,
    channel: a.channel,
    sector: a.sector,
    ...(topic ? { topic: topic.id } : {}),
    org: publicOrg(a.org, ref),
    importance: a.importance,
    status: a.status,
    title: publicAppealTitle(a, ref.topics, ref.sectors),
    text: '',
    createdAt: a.createdAt,
    ...(a.dueAt !== undefined ? { dueAt: a.dueAt } : {}),
    ...(a.answeredAt !== undefined ? { answeredAt: a.answeredAt } : {}),
    ...(a.accidentId !== undefined ? { accidentId: a.accidentId } : {}),
    ...(a.satisfaction !== undefined ? { satisfaction: a.satisfaction } : {}),
    ...(a.repeatOf !== undefined ? { repeatOf: a.repeatOf } : {}),
    // Deadline facts: the wall's SLA clocks need them (59-ФЗ registration and redirect).
    ...(a.registeredAt !== undefined ? { registeredAt: a.registeredAt } : {}),
    ...(a.redirect !== undefined ? { redirect: a.redirect } : {}),
  };
}

function publicAccident(a: Accident, ref: PublicReference): Accident {
  return {
    kind: 'accident',
    id: a.id,
    version: a.version,
    municipality: a.municipality,
    lon: a.lon,
    lat: a.lat,
    resource: a.resource,
    ...(a.nature !== undefined ? { nature: a.nature } : {}),
    status: a.status,
    address: publicAddress(a.address),
    operator: publicOrg(a.operator, ref),
    residents: a.residents,
    buildings: a.buildings,
    socialObjects: a.socialObjects,
    startedAt: a.startedAt,
    plannedRestoreAt: a.plannedRestoreAt,
    ...(a.restoredAt !== undefined ? { restoredAt: a.restoredAt } : {}),
  };
}

/** The entity as a public screen may show it. */
export function publicEntity(e: Entity, ref: PublicReference = reference()): Entity {
  // A weather reading: numbers and a place, listed like the rest (the free-text `source` stays off).
  if (e.kind === 'weather') {
    return {
      kind: 'weather',
      id: e.id,
      version: e.version,
      ...(e.municipality !== undefined ? { municipality: e.municipality } : {}),
      lon: e.lon,
      lat: e.lat,
      at: e.at,
      temperatureC: e.temperatureC,
    };
  }
  return e.kind === 'appeal' ? publicAppeal(e, ref) : publicAccident(e, ref);
}

/**
 * The entity as `/presenter` and `/admin` see it: as stored (redacted at ingest), less the
 * applicant and object keys — the hub links repeats itself (`repeatOf`), so no client needs
 * the pseudonyms, and none gets them.
 */
export function fullEntity(e: Entity): Entity {
  if (e.kind !== 'appeal' || (e.applicantKey === undefined && e.objectKey === undefined)) return e;
  const { applicantKey: _a, objectKey: _o, ...rest } = e;
  return rest;
}

const hasKeys = (e: Entity) => e.kind === 'appeal' && (e.applicantKey !== undefined || e.objectKey !== undefined);

export function project(entities: Entity[], p: Projection): Entity[] {
  if (p === 'full') return entities.some(hasKeys) ? entities.map(fullEntity) : entities;
  const ref = reference();
  return entities.map((e) => publicEntity(e, ref));
}

/** A delta in a projection; a full delta without keys is the very object (its JSON is the log's, see wire.ts). */
export function projectDelta(d: Delta, p: Projection): Delta {
  if (p === 'full') return d.upserts.some(hasKeys) ? { ...d, upserts: d.upserts.map(fullEntity) } : d;
  const ref = reference();
  return { ...d, upserts: d.upserts.map((e) => publicEntity(e, ref)) };
}
