/**
 * Checks across documents (issue 12), pure: each document may be valid alone and still name
 * something another document does not have. The hub runs them on the whole set with the new
 * version in place before it stores anything, so a set that fails never reaches a wall.
 *
 * - a topic of a sector that does not exist;
 * - an SLA rule (`sla-rules.pos.byTopic`) for a topic that does not exist;
 * - an alarm rule naming a sector that does not exist (its `sectors`, or a `sector:` scene);
 * - a playlist or a meeting script naming a sector that does not exist (a `sector:` scene, a
 *   step's filter); a scene that does not exist at all is refused by the schema already;
 * - an import mapping (`import-pos`, `import-im`) whose category map or default names a sector
 *   that does not exist, or whose subcategory map names a topic that does not exist;
 * - a sector removed while open items still use it (`removedSectorsInUse`): refused unless
 *   the save maps it onto another sector (`remap`).
 */
import type { Scene } from '../scenes/scene';
import { formatPath, type ConfigError } from './config-errors';
import type { ConfigBodies } from './documents';

/** The documents the cross checks read. */
export type CrossCheckSet = Pick<ConfigBodies, 'sectors' | 'topics' | 'sla-rules' | 'alarm-rules' | 'playlists' | 'meeting-scripts'> &
  Partial<Pick<ConfigBodies, 'import-pos' | 'import-im'>>;

const err = (root: string, path: readonly PropertyKey[], message: string): ConfigError => ({ path: formatPath(root, path), message });
const noSector = (id: string) => `сектор «${id}» не найден в справочнике секторов (sectors)`;

function sceneSector(scene: Scene | string): string | null {
  return typeof scene === 'object' && scene.id === 'sector' ? scene.sector : null;
}

/** Every reference of one document set to a sector or topic that the set does not have. */
export function crossCheck(set: CrossCheckSet): ConfigError[] {
  const sectors = new Set(set.sectors.map((s) => s.id));
  const topics = new Set(set.topics.map((t) => t.id));
  const out: ConfigError[] = [];
  set.topics.forEach((t, i) => {
    if (!sectors.has(t.sector)) out.push(err('topics', [i, 'sector'], `тема «${t.label}»: ${noSector(t.sector)}`));
  });
  for (const topic of Object.keys(set['sla-rules'].pos.byTopic)) {
    if (!topics.has(topic)) out.push(err('sla-rules', ['pos', 'byTopic', topic], `срок задан для темы «${topic}», которой нет в справочнике тем (topics)`));
  }
  for (const name of ['import-pos', 'import-im'] as const) {
    const m = set[name];
    if (!m) continue;
    for (const [source, id] of Object.entries(m.values.sector))
      if (!sectors.has(id)) out.push(err(name, ['values', 'sector', source], `категория «${source}» → ${noSector(id)}`));
    if (m.defaults.sector !== undefined && !sectors.has(m.defaults.sector)) out.push(err(name, ['defaults', 'sector'], noSector(m.defaults.sector)));
    for (const [source, id] of Object.entries(m.values.topic))
      if (!topics.has(id)) out.push(err(name, ['values', 'topic', source], `подкатегория «${source}» → тема «${id}» не найдена в справочнике тем (topics)`));
  }
  set['alarm-rules'].forEach((rule, i) => {
    if (rule.type === 'overdue-in-sector') {
      rule.sectors.forEach((s, j) => {
        if (!sectors.has(s)) out.push(err('alarm-rules', [i, 'sectors', j], `правило тревоги «${rule.id}»: ${noSector(s)}`));
      });
    }
    const shown = typeof rule.show === 'object' ? sceneSector(rule.show) : null;
    if (shown !== null && !sectors.has(shown))
      out.push(err('alarm-rules', [i, 'show'], `правило тревоги «${rule.id}» показывает сцену сектора: ${noSector(shown)}`));
  });
  for (const [name, playlist] of Object.entries(set.playlists)) {
    playlist.dayparts.forEach((part, i) => {
      part.scenes.forEach((entry, j) => {
        const s = sceneSector(entry.scene);
        if (s !== null && !sectors.has(s))
          out.push(
            err('playlists', [name, 'dayparts', i, 'scenes', j, 'scene'], `плейлист «${name}», часть суток «${part.id}»: сцена sector:${s} — ${noSector(s)}`),
          );
      });
    });
  }
  set['meeting-scripts'].forEach((script, i) => {
    script.steps.forEach((step, j) => {
      const s = sceneSector(step.scene);
      if (s !== null && !sectors.has(s))
        out.push(err('meeting-scripts', [i, 'steps', j, 'scene'], `сценарий «${script.title}», шаг ${j + 1}: сцена sector:${s} — ${noSector(s)}`));
      (step.filter.sectors ?? []).forEach((f, k) => {
        if (!sectors.has(f))
          out.push(err('meeting-scripts', [i, 'steps', j, 'filter', 'sectors', k], `сценарий «${script.title}», шаг ${j + 1}, фильтр: ${noSector(f)}`));
      });
    });
  });
  return out;
}

/** How a save maps removed sectors onto remaining ones: `{old: new}`. */
export type SectorRemap = Readonly<Record<string, string>>;

/**
 * A new sector list against the current one and the open items of each sector: every removed
 * sector that open items still use must be remapped (`remap[old]` a sector of the new list);
 * a remap of a sector that is not removed, or onto one that does not exist, is an error too.
 */
export function removedSectorsInUse(
  before: readonly { id: string }[],
  after: readonly { id: string }[],
  openBySector: ReadonlyMap<string, number>,
  remap: SectorRemap = {},
): ConfigError[] {
  const kept = new Set(after.map((s) => s.id));
  const removed = new Set(before.map((s) => s.id).filter((id) => !kept.has(id)));
  const out: ConfigError[] = [];
  for (const [from, to] of Object.entries(remap)) {
    if (!removed.has(from)) out.push(err('remap', [from], `сектор «${from}» не удаляется этой версией: переносить нечего`));
    else if (!kept.has(to)) out.push(err('remap', [from], `перенос в сектор «${to}», которого нет в новом справочнике секторов`));
  }
  for (const id of removed) {
    const n = openBySector.get(id) ?? 0;
    if (n > 0 && remap[id] === undefined) {
      out.push(
        err(
          'sectors',
          [],
          `сектор «${id}» удалён, но его используют открытые обращения (${n}): укажите, в какой сектор их перенести — remap {"${id}": "<id сектора>"}`,
        ),
      );
    }
  }
  return out;
}
