/**
 * The configuration documents a curator owns (issue 12), each with its zod schema and its
 * built-in body, which is version 1 of the document at every hub. The hub stores every version
 * (hub/config-store.ts), checks a new one with `validateConfigBody` and `crossCheck`
 * (`cross-checks.ts`), and pushes it to every reader (`app/protocol/config.ts`).
 *
 * | name | body | built-in (version 1) |
 * |---|---|---|
 * | `sectors` | `Sector[]` | `DEFAULT_SECTORS` |
 * | `topics` | `Topic[]` | `DEFAULT_TOPICS` |
 * | `organisations` | `Organisation[]` | `DEFAULT_ORGANISATIONS` |
 * | `sla-rules` | `SlaRules` without the production calendar | `DEFAULT_SLA_RULES` |
 * | `alarm-rules` | `AlarmRule[]` | `DEFAULT_ALARM_RULES` |
 * | `playlists` | `{[name]: Playlist}`, `default` required | `{default: DEFAULT_PLAYLIST}` |
 * | `meeting-scripts` | `MeetingScript[]` | `DEFAULT_MEETING_SCRIPTS` |
 * | `rating` | `RatingConfig` | `DEFAULT_RATING_CONFIG` |
 * | `heating-season` | `HeatingSeason` | `DEFAULT_HEATING_SEASON` |
 * | `thresholds` | `InterruptionLimits` (ПП № 354) + `detect` (spike and silence detectors, issue 15) | `DEFAULT_INTERRUPTION_LIMITS` |
 * | `production-calendar` | `ProductionYear[]` (decree transfers) | `RU_PRODUCTION_YEARS` |
 * | `shifts` | `Shifts`: shift change times, handover span (issue 15) | `DEFAULT_SHIFTS` |
 * | `procedures` | `{contacts, procedures}`: SOP per alarm type (issue 15) | `DEFAULT_PROCEDURES` |
 * | `people` | `{idleMinutes, people: PersonEntry[]}` (officers, PINs: never sent, `publicConfigBody`) | nobody |
 * | `import-pos` | `TableMapping` of the ПОС export (issue 14, `import-mappings.ts`) | `DEFAULT_POS_MAPPING_BODY` |
 * | `import-im` | `TableMapping` of the Инцидент Менеджмент export | `DEFAULT_IM_MAPPING_BODY` |
 */
import { z } from 'zod';
import { DEFAULT_HEATING_SEASON, HeatingSeasonSchema } from '../accidents/heating-season';
import { DEFAULT_INTERRUPTION_LIMITS, InterruptionLimitsSchema } from '../accidents/interruption-limits';
import { AlarmRulesSchema, DEFAULT_ALARM_RULES } from '../alarms/alarm-rules';
import { ProductionYearsSchema } from '../calendar/calendar-schema';
import { DEFAULT_DETECT_THRESHOLDS, DetectThresholdsSchema } from '../detect/detect-thresholds';
import { DEFAULT_PROCEDURES, ProceduresDocSchema } from '../shift/procedures';
import { DEFAULT_SHIFTS, ShiftsSchema } from '../shift/shift-schedule';
import { RU_PRODUCTION_YEARS } from '../calendar/ru-calendar-data';
import { DEFAULT_ORGANISATIONS } from '../domain/organisations';
import { DEFAULT_SECTORS } from '../domain/sector';
import { DEFAULT_TOPICS } from '../domain/topics';
import { DEFAULT_MEETING_SCRIPTS, MeetingScriptsSchema } from '../meetings/meeting-script';
import { DEFAULT_RATING_CONFIG } from '../ratings/rating-config';
import { DEFAULT_PLAYLIST, PlaylistSchema } from '../scenes/playlist';
import { DEFAULT_SLA_RULES } from '../sla/sla-rules';
import { configErrors, type ConfigError } from './config-errors';
import { DEFAULT_IM_MAPPING_BODY, DEFAULT_POS_MAPPING_BODY, TableMappingSchema } from './import-mappings';
import { DEFAULT_PEOPLE, PeopleSchema, publicPeople, type People } from './people';
import { OrganisationsSchema, RatingConfigSchema, SectorsSchema, SlaRulesSchema, TopicsSchema } from './reference-schemas';

/** Every document's name, in the order the admin page lists them. */
export const CONFIG_NAMES = [
  'sectors',
  'topics',
  'organisations',
  'sla-rules',
  'alarm-rules',
  'playlists',
  'meeting-scripts',
  'rating',
  'heating-season',
  'thresholds',
  'production-calendar',
  'people',
  'shifts',
  'procedures',
  'import-pos',
  'import-im',
] as const;
/** A document's name. */
export type ConfigName = (typeof CONFIG_NAMES)[number];

/** True when `name` is a document's name. */
export function isConfigName(name: string): name is ConfigName {
  return (CONFIG_NAMES as readonly string[]).includes(name);
}

/** Named playlists; a wall layout picks one by name, `default` is the one every wall falls back on. */
export const PlaylistsSchema = z
  .record(z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'имя плейлиста: латиница в нижнем регистре, цифры и дефис'), PlaylistSchema)
  .refine((p) => 'default' in p, { message: 'нужен плейлист «default»' });

/** The schema of each document. */
export const CONFIG_SCHEMAS = {
  sectors: SectorsSchema,
  topics: TopicsSchema,
  organisations: OrganisationsSchema,
  'sla-rules': SlaRulesSchema,
  'alarm-rules': AlarmRulesSchema,
  playlists: PlaylistsSchema,
  'meeting-scripts': MeetingScriptsSchema,
  rating: RatingConfigSchema,
  'heating-season': HeatingSeasonSchema,
  thresholds: InterruptionLimitsSchema.extend({ detect: DetectThresholdsSchema.default(DEFAULT_DETECT_THRESHOLDS) }),
  shifts: ShiftsSchema,
  procedures: ProceduresDocSchema,
  'production-calendar': ProductionYearsSchema,
  people: PeopleSchema,
  'import-pos': TableMappingSchema.extend({ format: z.literal('pos', 'это сопоставление ПОС: format — «pos» / format must be "pos"') }),
  'import-im': TableMappingSchema.extend({ format: z.literal('im', 'это сопоставление ИМ: format — «im» / format must be "im"') }),
} as const satisfies Record<ConfigName, z.ZodType>;

/** A validated body of each document (defaults filled in). */
export type ConfigBodies = { [K in ConfigName]: z.output<(typeof CONFIG_SCHEMAS)[K]> };

/** Russian titles for the admin page and the status line. */
export const CONFIG_TITLES: Readonly<Record<ConfigName, string>> = {
  sectors: 'Секторы',
  topics: 'Темы обращений',
  organisations: 'Организации (ОИВ, ОМСУ, операторы)',
  'sla-rules': 'Сроки ответов (SLA)',
  'alarm-rules': 'Правила тревог',
  playlists: 'Плейлисты сцен',
  'meeting-scripts': 'Сценарии планёрок',
  rating: 'Рейтинг ОИВ и ОМСУ',
  'heating-season': 'Отопительный сезон',
  thresholds: 'Допустимые перерывы (ПП № 354)',
  'production-calendar': 'Производственный календарь',
  shifts: 'Смены дежурных',
  procedures: 'Порядок действий по тревогам',
  people: 'Дежурные (имена и PIN)',
  'import-pos': 'Импорт: сопоставление выгрузки ПОС',
  'import-im': 'Импорт: сопоставление выгрузки Инцидент Менеджмента',
};

/** A plain-JSON copy (the stored form: no `undefined`, no shared references). */
const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const BUILT_IN: Readonly<Record<ConfigName, unknown>> = {
  sectors: DEFAULT_SECTORS,
  topics: DEFAULT_TOPICS,
  organisations: DEFAULT_ORGANISATIONS,
  'sla-rules': DEFAULT_SLA_RULES,
  'alarm-rules': DEFAULT_ALARM_RULES,
  playlists: { default: DEFAULT_PLAYLIST },
  'meeting-scripts': DEFAULT_MEETING_SCRIPTS,
  rating: DEFAULT_RATING_CONFIG,
  'heating-season': DEFAULT_HEATING_SEASON,
  thresholds: { ...DEFAULT_INTERRUPTION_LIMITS, detect: DEFAULT_DETECT_THRESHOLDS },
  'production-calendar': RU_PRODUCTION_YEARS,
  shifts: DEFAULT_SHIFTS,
  procedures: DEFAULT_PROCEDURES,
  people: DEFAULT_PEOPLE,
  'import-pos': DEFAULT_POS_MAPPING_BODY,
  'import-im': DEFAULT_IM_MAPPING_BODY,
};

/** The built-in body of each document (version 1 at every hub), as a fresh plain-JSON copy. */
export function builtInBody(name: ConfigName): unknown {
  return json(BUILT_IN[name]);
}

/** The outcome of a check: the validated body, or every error with its path. */
export type ConfigCheck<T> = { ok: true; value: T } | { ok: false; errors: ConfigError[] };

/** Validates a body against its document's schema; errors in Russian with paths under the name. */
export function validateConfigBody<K extends ConfigName>(name: K, body: unknown): ConfigCheck<ConfigBodies[K]> {
  const r = (CONFIG_SCHEMAS[name] as z.ZodType).safeParse(body);
  return r.success ? { ok: true, value: r.data as ConfigBodies[K] } : { ok: false, errors: configErrors(name, r.error) };
}

/** Every document's built-in body, validated. */
export function builtInConfig(): ConfigBodies {
  const out = {} as Record<ConfigName, unknown>;
  for (const name of CONFIG_NAMES) {
    const r = validateConfigBody(name, builtInBody(name));
    if (!r.ok) throw new Error(`built-in ${name} is invalid: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    out[name] = r.value;
  }
  return out as ConfigBodies;
}

/** A body as a reader (a wall, a touch panel) may receive it: the officers' PINs left out. */
export function publicConfigBody(name: string, body: unknown): unknown {
  return name === 'people' ? publicPeople(body as People) : body;
}

/** JSON Schema of every document (input form: what a curator writes), for `GET /api/v1/schema`. */
export function configJsonSchemas(): Record<ConfigName, unknown> {
  const out = {} as Record<ConfigName, unknown>;
  for (const name of CONFIG_NAMES) out[name] = z.toJSONSchema(CONFIG_SCHEMAS[name], { io: 'input', unrepresentable: 'any' });
  return out;
}
