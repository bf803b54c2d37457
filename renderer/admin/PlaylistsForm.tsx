/**
 * The `playlists` form: each named playlist as a timeline of the day (its dayparts, Moscow
 * time) and a table of dayparts — hours, palette, dwell and the scenes in order (scene keys:
 * `overview`, `housing`, `sla`, `ratings`, `sector:<id>`, `municipality:<ОКТМО>`).
 */
import type { ConfigError } from '../../app/config/config-errors';
import { DAY_MINUTES, minuteOwners } from '../../app/scenes/playlist';
import { copy, FieldError } from './FieldError';
import { ScenePreview } from './ScenePreview';

type Entry = string | { scene: unknown; dwellS?: number };
type Part = { id: string; label?: string; from: string; to: string; palette?: string; dwellS?: number; scenes: Entry[] };
type Lists = Record<string, { dayparts: Part[] }>;

const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const PART_COLOURS = ['#2b5fb4', '#6b4fa8', '#1f7a6a', '#8a5a1c', '#7a2f5f', '#3f6b1f'];

const isLists = (v: unknown): v is Lists =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.values(v).every(
    (p) =>
      typeof p === 'object' &&
      p !== null &&
      Array.isArray((p as { dayparts?: unknown }).dayparts) &&
      (p as { dayparts: unknown[] }).dayparts.every((d) => typeof d === 'object' && d !== null && Array.isArray((d as Part).scenes)),
  );

const sceneText = (e: Entry): string => {
  if (typeof e === 'string') return e;
  const s = e.scene as { id?: string; sector?: string; oktmo?: string } | string;
  const key = typeof s === 'string' ? s : s.id === 'sector' ? `sector:${s.sector}` : s.id === 'municipality' ? `municipality:${s.oktmo}` : String(s.id);
  return e.dwellS ? `${key}*${e.dwellS}` : key;
};
const entryOf = (t: string): Entry => {
  const [scene = '', dwell] = t.trim().split('*');
  return dwell ? { scene: scene.trim(), dwellS: Number(dwell) } : scene.trim();
};

/** The day as bands of dayparts (which part owns each minute, as the wall resolves it). */
function Timeline({ parts, nowMin }: { parts: Part[]; nowMin: number }) {
  if (!parts.every((p) => CLOCK.test(p.from) && CLOCK.test(p.to))) return <p className="warn">Шкала суток появится, когда у всех частей будет время ЧЧ:ММ.</p>;
  const owners = minuteOwners(parts);
  const bands: { part: number; from: number; to: number }[] = [];
  owners.forEach((o, m) => {
    const last = bands[bands.length - 1];
    if (last && last.part === o) last.to = m + 1;
    else bands.push({ part: o, from: m, to: m + 1 });
  });
  return (
    <>
      <div className="timeline" data-timeline>
        {bands.map((b) => (
          <span
            key={b.from}
            title={b.part >= 0 ? `${parts[b.part]!.label ?? parts[b.part]!.id}: ${parts[b.part]!.from}–${parts[b.part]!.to}` : 'не покрыто'}
            style={{
              left: `${(b.from / DAY_MINUTES) * 100}%`,
              width: `${((b.to - b.from) / DAY_MINUTES) * 100}%`,
              background: b.part >= 0 ? (parts[b.part]!.palette === 'night' ? '#1b2540' : PART_COLOURS[b.part % PART_COLOURS.length]) : '#7a2f3f',
            }}
          >
            {b.part >= 0 ? (parts[b.part]!.label ?? parts[b.part]!.id) : 'нет'}
          </span>
        ))}
        <div className="now" style={{ left: `${(nowMin / DAY_MINUTES) * 100}%` }} title="сейчас" />
      </div>
      <div className="hours">
        {[0, 3, 6, 9, 12, 15, 18, 21, 24].map((h) => (
          <span key={h} style={{ left: `${(h / 24) * 100}%` }}>
            {String(h).padStart(2, '0')}:00
          </span>
        ))}
      </div>
    </>
  );
}

export function PlaylistsForm({
  value,
  errors,
  onChange,
  hub,
}: {
  value: unknown;
  errors: readonly ConfigError[];
  onChange: (v: unknown) => void;
  hub: string;
}) {
  if (!isLists(value)) return <p className="warn">Форма недоступна: текст документа не похож на набор плейлистов — правьте его во вкладке «JSON».</p>;
  const lists = value;
  const msk = new Date(Date.now() + 3 * 3_600_000);
  const nowMin = msk.getUTCHours() * 60 + msk.getUTCMinutes();
  const edit = (name: string, i: number, patch: Partial<Part>) => {
    const next = copy(lists);
    next[name]!.dayparts[i] = { ...next[name]!.dayparts[i]!, ...patch };
    onChange(next);
  };
  const addList = () => {
    let n = 1;
    while (`playlist-${n}` in lists) n++;
    onChange({ ...copy(lists), [`playlist-${n}`]: copy(lists.default ?? Object.values(lists)[0]) });
  };
  return (
    <div data-form="playlists">
      <p>
        Экран стены показывает плейлист, названный в раскладке (параметр playlist=имя). Смена плейлиста вступает в силу на границе сцен, на всех экранах вместе.
        Сцены: overview, housing, sla, ratings, sector:&lt;id&gt;, municipality:&lt;ОКТМО&gt;; «*60» после сцены — 60 с на экране.
      </p>
      {Object.entries(lists).map(([name, list]) => (
        <section key={name} data-playlist={name}>
          <h3>
            Плейлист «{name}»{' '}
            {name !== 'default' && (
              <button type="button" className="plain" onClick={() => onChange(Object.fromEntries(Object.entries(lists).filter(([k]) => k !== name)))}>
                удалить
              </button>
            )}
          </h3>
          <Timeline parts={list.dayparts} nowMin={nowMin} />
          <FieldError errors={errors} path={`playlists.${name}.dayparts`} exact />
          <table>
            <thead>
              <tr>
                <th>Часть суток</th>
                <th>С</th>
                <th>До</th>
                <th>Палитра</th>
                <th>Сцена, с</th>
                <th>Сцены по порядку</th>
              </tr>
            </thead>
            <tbody>
              {list.dayparts.map((p, i) => {
                const at = `playlists.${name}.dayparts[${i}]`;
                return (
                  <tr key={i}>
                    <td>
                      <input
                        aria-label={`часть ${i + 1} плейлиста ${name}`}
                        value={p.label ?? p.id}
                        size={12}
                        onChange={(e) => edit(name, i, { label: e.target.value })}
                      />
                      <FieldError errors={errors} path={`${at}.id`} />
                    </td>
                    <td>
                      <input
                        aria-label={`начало части ${i + 1} плейлиста ${name}`}
                        value={p.from}
                        size={5}
                        aria-invalid={errors.some((e) => e.path === `${at}.from`)}
                        onChange={(e) => edit(name, i, { from: e.target.value })}
                      />
                      <FieldError errors={errors} path={`${at}.from`} />
                    </td>
                    <td>
                      <input
                        aria-label={`конец части ${i + 1} плейлиста ${name}`}
                        value={p.to}
                        size={5}
                        aria-invalid={errors.some((e) => e.path === `${at}.to`)}
                        onChange={(e) => edit(name, i, { to: e.target.value })}
                      />
                      <FieldError errors={errors} path={`${at}.to`} />
                    </td>
                    <td>
                      <select
                        aria-label={`палитра части ${i + 1} плейлиста ${name}`}
                        value={p.palette ?? 'day'}
                        onChange={(e) => edit(name, i, { palette: e.target.value })}
                      >
                        <option value="day">дневная</option>
                        <option value="night">ночная</option>
                      </select>
                    </td>
                    <td>
                      <input
                        type="number"
                        aria-label={`секунд на сцену в части ${i + 1} плейлиста ${name}`}
                        value={String(p.dwellS ?? 30)}
                        style={{ width: 70 }}
                        onChange={(e) => edit(name, i, { dwellS: Number(e.target.value) })}
                      />
                      <FieldError errors={errors} path={`${at}.dwellS`} />
                    </td>
                    <td>
                      <input
                        aria-label={`сцены части ${i + 1} плейлиста ${name}`}
                        value={p.scenes.map(sceneText).join(', ')}
                        size={60}
                        aria-invalid={errors.some((e) => e.path.startsWith(`${at}.scenes`))}
                        onChange={(e) =>
                          edit(name, i, {
                            scenes: e.target.value
                              .split(',')
                              .filter((x) => x.trim() !== '')
                              .map(entryOf),
                          })
                        }
                      />
                      <FieldError errors={errors} path={`${at}.scenes`} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
      <div className="admin-row">
        <button type="button" className="plain" onClick={addList}>
          + Плейлист (копия default)
        </button>
      </div>
      <ScenePreview
        hub={hub}
        scenes={[...new Set(Object.values(lists).flatMap((l) => l.dayparts.flatMap((p) => p.scenes.map((e) => sceneText(e).split('*')[0]!))))]}
      />
    </div>
  );
}
