/**
 * Feed entities (protocol v1): plain JSON with `kind`, `id`, `version` (monotonic per
 * entity). Runtime schemas (zod) are the contract; TypeScript types are inferred from them
 * so the two can never drift. Times are Unix milliseconds (UTC).
 */
import { z } from 'zod';

/** Longest free text accepted in any field (bounded payloads, fuzz-safe). */
export const MAX_TEXT = 2000;
const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'id: only latin letters, digits and _.:-');
const shortText = z.string().max(200);
const oktmo = z.string().regex(/^97\d{6}$/, 'municipality: an 8-digit OKTMO code of Chuvashia (97xxxxxx)');
const hashKey = z.string().regex(/^[0-9a-f]{16,64}$/, 'a hex hash made by the hub');
/** A time as entities carry it: whole Unix ms, 0 … 8.64e15 (the furthest a JS Date goes). */
export const TimeMsSchema = z.number().int().nonnegative().max(8.64e15);
const time = TimeMsSchema;
const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);

/** Where an appeal came from (DOMAIN.md «Channels and deadlines»). */
export const APPEAL_CHANNELS = ['pos', 'social', 'written'] as const;
/**
 * Appeal life cycle. `received`: a written (59-ФЗ) appeal received and not yet registered
 * (registration is due within 3 days, art. 8 part 2); other sources start at `new`.
 */
export const APPEAL_STATUSES = ['received', 'new', 'in_progress', 'intermediate', 'extended', 'answered', 'closed'] as const;
/** A citizen's rating of an answer (ПОС asks «удовлетворены ли вы ответом»). */
export const APPEAL_SATISFACTION = ['satisfied', 'unsatisfied'] as const;
/** What an outage is (МКА ЖКХ, ГИС ЖКХ list 361): an accident, a planned (maintenance) outage, an incident. */
export const ACCIDENT_NATURES = ['emergency', 'planned', 'incident'] as const;
/** Utility resources of a ЖКХ accident (МКА ЖКХ). */
export const ACCIDENT_RESOURCES = ['heat', 'hot_water', 'cold_water', 'sewerage', 'electricity', 'gas', 'housing'] as const;

const base = {
  id,
  version: z.number().int().nonnegative(),
  /** OKTMO code of the municipality the item belongs to. */
  municipality: oktmo,
  /** WGS84 longitude. Appeals are coarsened by the hub before they are stored or sent. */
  lon,
  lat,
};

/** A citizen's appeal: a ПОС message, a social-media post (ИМ) or a written 59-ФЗ appeal. */
export const AppealSchema = z.strictObject({
  kind: z.literal('appeal'),
  ...base,
  channel: z.enum(APPEAL_CHANNELS),
  /** Sector id from the sector configuration. */
  sector: z.string().min(1).max(40),
  /** Topic within the sector (ПОС topic, ИМ rubric). */
  topic: shortText.optional(),
  /** Responsible organisation (ОИВ or ОМСУ) id. */
  org: z.string().min(1).max(64),
  importance: z.enum(['normal', 'high']),
  status: z.enum(APPEAL_STATUSES),
  /** Short public summary; never personal data on public roles. */
  title: shortText,
  text: z.string().max(MAX_TEXT),
  createdAt: time,
  /** Due time when the source supplies it; otherwise the SLA engine derives it. */
  dueAt: time.optional(),
  answeredAt: time.optional(),
  /** Set when a social post is linked to a utility accident. */
  accidentId: id.optional(),
  /**
   * Written (59-ФЗ) appeals: when the appeal was registered, when `createdAt` is its receipt.
   * Absent: registered on receipt (`createdAt`), or not yet (status `received`).
   */
  registeredAt: time.optional(),
  /** Written appeals: `pending` when the body found it not its own and must redirect it (59-ФЗ art. 8 part 3: 7 days). */
  redirect: z.enum(['pending', 'done']).optional(),
  /** The citizen's rating of the answer, as ПОС asks for it (absent: not rated). */
  satisfaction: z.enum(APPEAL_SATISFACTION).optional(),
  /**
   * The source's applicant id or contact, as a source sends it: never stored. The hub replaces
   * it at ingest by `applicantKey`, a salted hash, so repeat complaints of one person can be
   * told without keeping who they are.
   */
  applicant: shortText.optional(),
  /** Salted hash of the applicant (made by the hub; never sent to public roles). */
  applicantKey: hashKey.optional(),
  /** The address the appeal is about, as the source sends it; stored at street level at most. */
  address: shortText.optional(),
  /** Hash of the normalised full address (same building, same key; made by the hub; never public). */
  objectKey: hashKey.optional(),
  /**
   * The answered appeal this one repeats (same applicant or building, same sector, within 30
   * days of its answer), linked by the hub at ingest from the keys above; public, as it names
   * no one, so every screen counts repeats the same way.
   */
  repeatOf: id.optional(),
});

/** A housing-utility (ЖКХ) accident (МКА ЖКХ fields that the wall needs). */
export const AccidentSchema = z.strictObject({
  kind: z.literal('accident'),
  ...base,
  resource: z.enum(ACCIDENT_RESOURCES),
  /** Emergency (the default when absent), planned outage or incident. */
  nature: z.enum(ACCIDENT_NATURES).optional(),
  status: z.enum(['active', 'resolved']),
  /** Public address, house level at most. */
  address: shortText,
  operator: shortText,
  cause: shortText.optional(),
  residents: z.number().int().nonnegative().max(2_000_000),
  buildings: z.number().int().nonnegative().max(100_000),
  socialObjects: z.number().int().nonnegative().max(10_000),
  startedAt: time,
  plannedRestoreAt: time,
  restoredAt: time.optional(),
});

/**
 * An outdoor air temperature reading (issue 11): for one municipality, or for the republic as
 * a whole when `municipality` is absent. The frost criterion of the accident rules reads the
 * latest one for the accident's municipality, else the republic's. A source keeps one id per
 * place (e.g. `weather-97701000`) and raises `version` with each new reading, so the store
 * holds the latest; `at` says when it was observed.
 */
export const WeatherSchema = z.strictObject({
  kind: z.literal('weather'),
  id,
  version: z.number().int().nonnegative(),
  /** OKTMO code of the municipality the reading is for; absent: the whole republic. */
  municipality: oktmo.optional(),
  /** The station or the point the value stands for (the municipality's centre for a model value). */
  lon,
  lat,
  /** When the temperature was observed. Unix ms. */
  at: time,
  /** Outdoor air temperature, °C (the bounds only refuse nonsense: the republic's records are −44 and +40). */
  temperatureC: z.number().min(-70).max(60),
  /** Station or service name. */
  source: shortText.optional(),
});

/** Any feed entity. */
export const EntitySchema = z.discriminatedUnion('kind', [AppealSchema, AccidentSchema, WeatherSchema]);

export type Appeal = z.infer<typeof AppealSchema>;
export type Accident = z.infer<typeof AccidentSchema>;
export type Weather = z.infer<typeof WeatherSchema>;
export type Entity = z.infer<typeof EntitySchema>;
/** What the wall counts and draws: appeals and accidents (weather is an input of the rules, not an item). */
export type Item = Appeal | Accident;
export type EntityKind = Entity['kind'];
export type AppealChannel = (typeof APPEAL_CHANNELS)[number];
export type AccidentResource = (typeof ACCIDENT_RESOURCES)[number];
export type AccidentNature = (typeof ACCIDENT_NATURES)[number];
export type AppealSatisfaction = (typeof APPEAL_SATISFACTION)[number];

/** Reference to an entity to remove. */
export const EntityRefSchema = z.strictObject({ kind: z.enum(['appeal', 'accident', 'weather']), id });
export type EntityRef = z.infer<typeof EntityRefSchema>;

/**
 * What every entity has whatever its kind or the schema's version: a kind, an id and a version;
 * other fields are not looked at (a cluster node reading a newer node's entities, hub/cluster).
 */
export const EntityHeadSchema = z.looseObject({ kind: z.enum(['appeal', 'accident', 'weather']), id, version: z.number().int().nonnegative() });

/** True for the entities the wall counts and draws (appeals, accidents), false for weather. */
export function isItem(e: Entity): e is Item {
  return e.kind !== 'weather';
}

/** The store key of an entity: ids are unique per kind, not across kinds. */
export function entityKey(e: EntityRef): string {
  return `${e.kind}:${e.id}`;
}

/** Russian labels for the wall. */
export const CHANNEL_LABELS: Record<AppealChannel, string> = {
  pos: 'ПОС',
  social: 'Соцсети',
  written: 'Письменное',
};

export const RESOURCE_LABELS: Record<AccidentResource, string> = {
  heat: 'Отопление',
  hot_water: 'Горячая вода',
  cold_water: 'Холодная вода',
  sewerage: 'Водоотведение',
  electricity: 'Электроснабжение',
  gas: 'Газоснабжение',
  housing: 'Жилфонд',
};
