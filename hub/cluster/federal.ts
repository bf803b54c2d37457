/**
 * A federal view (issue 16, docs/deploy/cluster.md «A federal view»): many regions publish into
 * their own streams (`--stream cur-21`, `cur-12`, …) and a federal room's hub reads them all
 * from one stream that sources theirs (`--stream cur-rf --sources cur-21,cur-12`).
 *
 * - The federal stream has no subjects of its own: one `sources` entry per region, each taking
 *   the region's `REGION.changes`. A sourced message keeps its subject, so the hub knows each
 *   change's region; the federal stream's sequence is the hub's `seq` (the same on every federal
 *   node, so walls fail over between them as usual).
 * - Entity ids are prefixed with their region (`cur-21:acc-1`): two regions' equal ids are two
 *   entities. The prefix keeps the id schema (app/domain/entity.ts: latin letters, digits,
 *   `_.:-`, at most 64), so walls accept it unchanged; an id too long for it is shortened to a
 *   hash of the original (`cur-21:.…`). References to other entities of the region
 *   (`accidentId`, `repeatOf`) get the same prefix.
 * - The federal hub is read-only: every ingest (socket, HTTP, imports, the inbox) is refused
 *   with a message and counted; control commands and configuration are the federal room's own.
 */
import { createHash } from 'node:crypto';
import { DiscardPolicy, RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig } from 'nats';
import type { Entity, EntityRef } from '../../app/domain/entity';
import type { Ingest } from '../ingest';
import type { Metrics } from '../metrics';

/** Longest id the entity schema accepts (app/domain/entity.ts). */
const MAX_ID = 64;
/** Longest region (source stream) name: the prefix leaves room for the id. */
export const MAX_REGION = 32;

/** `REGION:id`; an id that does not fit beside the prefix: `REGION:.` + a hash of it. */
export function federalId(region: string, id: string): string {
  const full = `${region}:${id}`;
  if (full.length <= MAX_ID) return full;
  const room = MAX_ID - region.length - 2;
  return `${region}:.${createHash('sha512').update(id).digest('base64url').slice(0, room)}`;
}

/** The entity with its id (and its references to the region's entities) prefixed by region. */
export function federalEntity(region: string, e: Entity): Entity {
  const out = { ...e, id: federalId(region, e.id) } as Entity & { accidentId?: string; repeatOf?: string };
  if (out.accidentId !== undefined) out.accidentId = federalId(region, out.accidentId);
  if (out.repeatOf !== undefined) out.repeatOf = federalId(region, out.repeatOf);
  return out;
}

export function federalRef(region: string, r: EntityRef): EntityRef {
  return { kind: r.kind, id: federalId(region, r.id) };
}

/** The region of a sourced message (`cur-21.changes` → `cur-21`), or null for another subject. */
export function regionOf(subject: string): string | null {
  return subject.endsWith('.changes') ? subject.slice(0, -'.changes'.length) : null;
}

/** Why the federal hub takes no ingest (the error every ingest path answers). */
export function readOnlyReason(stream: string, sources: readonly string[]): string {
  return `федеральный хаб только для просмотра: данные принимает хаб региона / this federal hub (stream ${stream}, sourced from ${sources.join(', ')}) is read-only: send to the region's hub`;
}

const REFUSED_HELP = 'Ingests refused because this hub is read-only (a federal view), by source';

/** The ingest of a read-only hub: refuses every batch (counted by source) with `reason`. */
export function refuseIngest(inner: Ingest, reason: string, metrics: Metrics): Ingest {
  return {
    ...inner,
    ingest(source: string) {
      metrics.inc('cur_hub_ingest_refused_read_only_total', REFUSED_HELP, { source });
      return Promise.reject(new Error(reason));
    },
  };
}

/** A log's read-only reason (a federal `NatsFeedLog`), or null. */
export function readOnlyOf(log: unknown): string | null {
  return (log as { readOnly?: string | null } | null)?.readOnly ?? null;
}

/**
 * Makes the federal stream (no subjects, one source per region, each its `REGION.changes`), or
 * checks an existing one: a stream with subjects of its own is a region's, not a federal one (an
 * error); one with other sources gets this list (a region added or left out: `note` says so).
 */
export async function ensureFederalStream(
  jsm: JetStreamManager,
  name: string,
  sources: readonly string[],
  replicas: number,
  note: (msg: string) => void = () => undefined,
): Promise<void> {
  const wanted = sources.map((s) => ({ name: s, filter_subject: `${s}.changes` }));
  const info = await jsm.streams.info(name).catch((e: Error) => {
    if (!/not found/i.test(e.message)) throw e;
    return null;
  });
  if (!info) {
    const config: Partial<StreamConfig> = {
      name,
      subjects: [],
      sources: wanted,
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      num_replicas: replicas,
      // Sourced messages keep their message ids, and the regions' streams have de-duplicated
      // them already: a long window here would drop one region's change whose id equals
      // another's (regions' hubs before the stream name was part of the id: two regions' equal
      // entity ids and versions made equal ids). The least NATS takes: 100 ms.
      duplicate_window: 1e8,
    };
    await jsm.streams.add(config).catch(async (e: Error) => {
      // Two federal nodes starting together: the other one made it.
      if (!/already in use|exists/i.test(e.message)) throw e;
      await ensureFederalStream(jsm, name, sources, replicas, note);
    });
    return;
  }
  if ((info.config.subjects ?? []).length > 0)
    throw Object.assign(
      new Error(`stream ${name} takes changes of its own (subjects ${info.config.subjects!.join(', ')}): a region's stream, not a federal one`),
      { permanent: true },
    );
  const have = (info.config.sources ?? []).map((s) => s.name).sort();
  if (have.join(',') === [...sources].sort().join(',')) return;
  await jsm.streams.update(name, { ...info.config, sources: wanted });
  note(`federal stream ${name}: sources ${have.join(', ') || '(none)'} → ${sources.join(', ')}`);
}
