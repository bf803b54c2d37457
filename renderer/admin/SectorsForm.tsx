/**
 * The `sectors` form: id, name and colour of each sector, each colour checked as it is picked
 * (app/config/sector-colours.ts: contrast against the map, ΔE to the other sectors with normal
 * vision and simulated protanopia/deuteranopia). The swatch is drawn on the map's background.
 */
import type { ConfigError } from '../../app/config/config-errors';
import { nextSectorColor } from '../../app/config/reference-schemas';
import { checkSectorColours, hexOf, MAP_BACKGROUND } from '../../app/config/sector-colours';
import type { Sector } from '../../app/domain/sector';
import { copy, FieldError } from './FieldError';

type Row = { id: string; label: string; color: [number, number, number] };

const isRows = (v: unknown): v is Row[] =>
  Array.isArray(v) &&
  v.every(
    (s) =>
      typeof s === 'object' &&
      s !== null &&
      typeof (s as Row).id === 'string' &&
      typeof (s as Row).label === 'string' &&
      Array.isArray((s as Row).color) &&
      (s as Row).color.length === 3,
  );

function rgbOfHex(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function SectorsForm({ value, errors, onChange }: { value: unknown; errors: readonly ConfigError[]; onChange: (v: unknown) => void }) {
  if (!isRows(value)) return <p className="warn">Форма недоступна: текст документа не похож на список секторов — правьте его во вкладке «JSON».</p>;
  const rows = value;
  const checks = checkSectorColours(rows.map((r) => ({ ...r, color: r.color.map((c) => (Number.isFinite(c) ? c : 0)) as [number, number, number] })));
  const edit = (i: number, patch: Partial<Row>) => {
    const next = copy(rows);
    next[i] = { ...next[i]!, ...patch };
    onChange(next);
  };
  const add = () => {
    const next = copy(rows);
    let n = rows.length + 1;
    while (rows.some((r) => r.id === `sector-${n}`)) n++;
    // New sectors go before the catch-all «Прочее», which stays last (unknown sectors are drawn as it).
    const at = next[next.length - 1]?.id === 'other' ? next.length - 1 : next.length;
    next.splice(at, 0, { id: `sector-${n}`, label: '', color: nextSectorColor(rows as unknown as Sector[]) });
    onChange(next);
  };
  return (
    <div data-form="sectors">
      <p>
        Сектор — сфера обращений на карте и в легенде. Последний сектор списка — «прочее»: им рисуются обращения неизвестных секторов. Цвет проверяется на
        контраст с фоном карты{' '}
        <span className="map-chip">
          <span className="swatch" style={{ background: hexOf(MAP_BACKGROUND) }} /> {hexOf(MAP_BACKGROUND)}
        </span>{' '}
        и на различимость с другими секторами, в том числе при протанопии и дейтеранопии.
      </p>
      <table>
        <thead>
          <tr>
            <th>id</th>
            <th>Название</th>
            <th>Цвет</th>
            <th>Проверка цвета</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const c = checks[i]!;
            return (
              <tr key={i} data-sector-row={r.id}>
                <td>
                  <input
                    aria-label={`id сектора ${i + 1}`}
                    value={r.id}
                    size={14}
                    aria-invalid={errors.some((e) => e.path === `sectors[${i}].id`)}
                    onChange={(e) => edit(i, { id: e.target.value })}
                  />
                  <FieldError errors={errors} path={`sectors[${i}].id`} />
                </td>
                <td>
                  <input
                    aria-label={`название сектора ${i + 1}`}
                    value={r.label}
                    size={22}
                    aria-invalid={errors.some((e) => e.path === `sectors[${i}].label`)}
                    onChange={(e) => edit(i, { label: e.target.value })}
                  />
                  <FieldError errors={errors} path={`sectors[${i}].label`} />
                </td>
                <td>
                  <span className="map-chip">
                    <input
                      type="color"
                      aria-label={`цвет сектора ${i + 1}`}
                      value={hexOf(r.color)}
                      onChange={(e) => edit(i, { color: rgbOfHex(e.target.value) })}
                    />
                    <span className="swatch" style={{ background: hexOf(r.color) }} />
                  </span>
                  <FieldError errors={errors} path={`sectors[${i}].color`} />
                </td>
                <td data-colour-check>
                  <span className={c.warnings.length ? undefined : 'ok'}>контраст {c.contrast.toFixed(1)}:1</span>
                  {c.nearest && (
                    <span>
                      {' '}
                      · ближайший «{rows.find((x) => x.id === c.nearest!.id)?.label || c.nearest.id}» ΔE {c.nearest.deltaE.toFixed(0)}
                    </span>
                  )}
                  {c.warnings.map((w) => (
                    <span key={w} className="warn" data-colour-warning>
                      ⚠ {w}
                    </span>
                  ))}
                </td>
                <td>
                  <button
                    type="button"
                    className="plain"
                    aria-label={`удалить сектор ${r.label || r.id}`}
                    onClick={() => onChange(rows.filter((_, j) => j !== i))}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <FieldError errors={errors} path="sectors" exact />
      <div className="admin-row">
        <button type="button" className="plain" onClick={add} data-add-sector>
          + Добавить сектор
        </button>
      </div>
    </div>
  );
}
