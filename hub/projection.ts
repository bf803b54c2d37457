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
import { defaultOrgDirectory, UNMATCHED_ORG_ID } from '../app/domain/organisations';
import { defaultTopicList, publicAppealTitle } from '../app/domain/topics';
import type { Delta, Role } from '../app/protocol/feed';
import { publicAddress } from './public-address';

export type Projection = 'public' | 'full';

export function projectionOf(role: Role): Projection {
  return role === 'wall' || role === 'touch' ? 'public' : 'full';
}

function publicOrg(id: string): string {
  return defaultOrgDirectory().get(id) ? id : UNMATCHED_ORG_ID;
}

function publicAppeal(a: Appeal): Appeal {
  const topic = defaultTopicList().find(a.topic);
  return {
    kind: 'appeal', id: a.id, version: a.version, municipality: a.municipality, lon: a.lon, lat: a.lat,
    channel: a.channel, sector: a.sector, ...(topic ? { topic: topic.id } : {}), org: publicOrg(a.org),
    importance: a.importance, status: a.status, title: publicAppealTitle(a), text: '', createdAt: a.createdAt,
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

function publicAccident(a: Accident): Accident {
  return {
    kind: 'accident', id: a.id, version: a.version, municipality: a.municipality, lon: a.lon, lat: a.lat,
    resource: a.resource, ...(a.nature !== undefined ? { nature: a.nature } : {}), status: a.status, address: publicAddress(a.address), operator: publicOrg(a.operator),
    residents: a.residents, buildings: a.buildings, socialObjects: a.socialObjects,
    startedAt: a.startedAt, plannedRestoreAt: a.plannedRestoreAt,
    ...(a.restoredAt !== undefined ? { restoredAt: a.restoredAt } : {}),
  };
}

/** The entity as a public screen may show it. */
export function publicEntity(e: Entity): Entity {
  // A weather reading: numbers and a place, listed like the rest (the free-text `source` stays off).
  if (e.kind === 'weather') {
    return { kind: 'weather', id: e.id, version: e.version, ...(e.municipality !== undefined ? { municipality: e.municipality } : {}), lon: e.lon, lat: e.lat, at: e.at, temperatureC: e.temperatureC };
  }
  return e.kind === 'appeal' ? publicAppeal(e) : publicAccident(e);
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
  return entities.map(publicEntity);
}

/** A delta in a projection; a full delta without keys is the very object (its JSON is the log's, see wire.ts). */
export function projectDelta(d: Delta, p: Projection): Delta {
  if (p === 'full') return d.upserts.some(hasKeys) ? { ...d, upserts: d.upserts.map(fullEntity) } : d;
  return { ...d, upserts: d.upserts.map(publicEntity) };
}
