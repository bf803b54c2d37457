/**
 * The wall's scenes: what a screen that runs a playlist shows (issue 5 «Scenes and playlist»).
 * A scene is data: an id and, for the two focus scenes, what they focus on. `sceneKey` is the
 * one string form (config shorthand, the `data-scene` hook, logs).
 */
import { z } from 'zod';
import { municipalityByOktmo } from '../domain/municipality';
import { DEFAULT_SECTORS, type Sector } from '../domain/sector';

/** Scene ids. `sector` and `municipality` carry what they focus on. */
export const SCENE_IDS = ['overview', 'housing', 'sla', 'ratings', 'sector', 'municipality'] as const;
/** A scene id. */
export type SceneId = (typeof SCENE_IDS)[number];

const sectorId = z.string().regex(/^[a-z0-9_-]{1,40}$/, 'sector: an id of the sector configuration (latin, digits, _ and -)');
const oktmo = z
  .string()
  .regex(/^97\d{6}$/, 'oktmo: an 8-digit OKTMO code of Chuvashia (97xxxxxx)')
  .refine((code) => municipalityByOktmo(code, '2025') !== undefined, 'oktmo: not a municipality of the 2025 set');

/** A scene as an object: `{id: 'overview'}`, `{id: 'sector', sector: 'healthcare'}`, `{id: 'municipality', oktmo: '97701000'}`. */
export const SceneObjectSchema = z.discriminatedUnion('id', [
  z.strictObject({ id: z.literal('overview') }),
  z.strictObject({ id: z.literal('housing') }),
  z.strictObject({ id: z.literal('sla') }),
  z.strictObject({ id: z.literal('ratings') }),
  z.strictObject({ id: z.literal('sector'), sector: sectorId }),
  z.strictObject({ id: z.literal('municipality'), oktmo }),
]);

/** A scene. */
export type Scene = z.infer<typeof SceneObjectSchema>;

/**
 * The string form of a scene: `overview`, `housing`, `sla`, `ratings`, `sector:<id>`,
 * `municipality:<oktmo>`. Used for `data-scene` and as config shorthand.
 */
export function sceneKey(scene: Scene): string {
  switch (scene.id) {
    case 'sector':
      return `sector:${scene.sector}`;
    case 'municipality':
      return `municipality:${scene.oktmo}`;
    default:
      return scene.id;
  }
}

/** The scene of a string form (see `sceneKey`), unvalidated; undefined when it names no scene. */
function sceneFromKey(key: string): unknown {
  const [id, arg, ...rest] = key.split(':');
  if (rest.length > 0) return undefined;
  if (id === 'sector') return { id, sector: arg };
  if (id === 'municipality') return { id, oktmo: arg };
  return arg === undefined ? { id } : undefined;
}

/** A scene in config: the object form or its string form (`'sector:healthcare'`). */
export const SceneSchema = z.preprocess((v) => (typeof v === 'string' ? (sceneFromKey(v) ?? v) : v), SceneObjectSchema);

/** Parses a scene's string form; throws a ZodError when it names no valid scene. */
export function parseSceneKey(key: string): Scene {
  return SceneSchema.parse(key);
}

const TITLES: Readonly<Record<Exclude<SceneId, 'sector' | 'municipality'>, string>> = {
  overview: 'Обстановка в республике',
  housing: 'ЖКХ: аварии и обращения',
  sla: 'Сроки ответов',
  ratings: 'Рейтинг ОИВ и ОМСУ',
};

/**
 * The Russian title of a scene for the wall, e.g. «Здравоохранение» or «Чебоксары»; an unknown
 * sector or code shows as itself. @default sectors DEFAULT_SECTORS
 */
export function sceneTitle(scene: Scene, sectors?: readonly Sector[]): string {
  switch (scene.id) {
    case 'sector':
      return (sectors ?? DEFAULT_SECTORS).find((s) => s.id === scene.sector)?.label ?? scene.sector;
    case 'municipality':
      return municipalityByOktmo(scene.oktmo)?.shortName ?? scene.oktmo;
    default:
      return TITLES[scene.id];
  }
}
