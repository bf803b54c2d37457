/**
 * The `alarm-rules` form: one row a rule — on/off, severity, sound and the rule's own
 * threshold; new rules of the two kinds a curator tunes most (residents without a resource,
 * overdue appeals in a sector). Anything else is edited in the JSON tab.
 */
import { ALARM_SEVERITIES, SEVERITY_LABELS } from '../../app/alarms/alarm-rules';
import type { ConfigError } from '../../app/config/config-errors';
import { copy, FieldError } from './FieldError';

type Rule = Record<string, unknown> & { id: string; type: string };

const TYPE_LABELS: Readonly<Record<string, string>> = {
  'accident-residents': 'Авария: жители без ресурса',
  'social-object-no-heat': 'Соцобъекты без тепла',
  'overdue-in-sector': 'Просрочка в секторе',
  'accident-threshold': 'Порог ПП № 354',
};

const isRules = (v: unknown): v is Rule[] =>
  Array.isArray(v) && v.every((r) => typeof r === 'object' && r !== null && typeof (r as Rule).id === 'string' && typeof (r as Rule).type === 'string');

export function AlarmRulesForm({
  value,
  errors,
  sectors,
  onChange,
}: {
  value: unknown;
  errors: readonly ConfigError[];
  sectors: readonly { id: string; label: string }[];
  onChange: (v: unknown) => void;
}) {
  if (!isRules(value)) return <p className="warn">Форма недоступна: текст документа не похож на список правил — правьте его во вкладке «JSON».</p>;
  const rules = value;
  const edit = (i: number, patch: Record<string, unknown>) => {
    const next = copy(rules);
    next[i] = { ...next[i]!, ...patch } as Rule;
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete (next[i] as Record<string, unknown>)[k];
    onChange(next);
  };
  const freeId = (stem: string) => {
    let n = 1;
    while (rules.some((r) => r.id === `${stem}-${n}`)) n++;
    return `${stem}-${n}`;
  };
  const num = (v: string) => (v.trim() === '' ? undefined : Number(v));
  return (
    <div data-form="alarm-rules">
      <table>
        <thead>
          <tr>
            <th>Вкл.</th>
            <th>id</th>
            <th>Вид</th>
            <th>Важность</th>
            <th>Звук</th>
            <th>Условие</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rules.map((r, i) => {
            const p = `alarm-rules[${i}]`;
            return (
              <tr key={i} data-rule-row={r.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`правило ${r.id} включено`}
                    checked={r.enabled !== false}
                    onChange={(e) => edit(i, { enabled: e.target.checked })}
                  />
                </td>
                <td>
                  <input aria-label={`id правила ${i + 1}`} value={r.id} size={18} onChange={(e) => edit(i, { id: e.target.value })} />
                  <FieldError errors={errors} path={`${p}.id`} />
                </td>
                <td>{TYPE_LABELS[r.type] ?? r.type}</td>
                <td>
                  <select aria-label={`важность правила ${r.id}`} value={String(r.severity)} onChange={(e) => edit(i, { severity: e.target.value })}>
                    {ALARM_SEVERITIES.map((s) => (
                      <option key={s} value={s}>
                        {SEVERITY_LABELS[s]}
                      </option>
                    ))}
                  </select>
                  <FieldError errors={errors} path={`${p}.severity`} />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`звук правила ${r.id}`}
                    checked={r.sound === true || (r.sound === undefined && r.severity === 'critical')}
                    onChange={(e) => edit(i, { sound: e.target.checked })}
                  />
                </td>
                <td>
                  {r.type === 'accident-residents' && (
                    <label>
                      от{' '}
                      <input
                        type="number"
                        aria-label={`жителей для правила ${r.id}`}
                        value={String(r.minResidents ?? '')}
                        style={{ width: 90 }}
                        aria-invalid={errors.some((e) => e.path === `${p}.minResidents`)}
                        onChange={(e) => edit(i, { minResidents: num(e.target.value) })}
                      />{' '}
                      жителей
                      <FieldError errors={errors} path={`${p}.minResidents`} />
                    </label>
                  )}
                  {r.type === 'social-object-no-heat' && (
                    <label>
                      от{' '}
                      <input
                        type="number"
                        aria-label={`соцобъектов для правила ${r.id}`}
                        value={String(r.minSocialObjects ?? '')}
                        style={{ width: 60 }}
                        onChange={(e) => edit(i, { minSocialObjects: num(e.target.value) })}
                      />{' '}
                      соцобъектов
                      <FieldError errors={errors} path={`${p}.minSocialObjects`} />
                    </label>
                  )}
                  {r.type === 'overdue-in-sector' && (
                    <>
                      {sectors.map((s) => {
                        const list = Array.isArray(r.sectors) ? (r.sectors as string[]) : [];
                        return (
                          <label key={s.id} style={{ marginRight: 8 }}>
                            <input
                              type="checkbox"
                              aria-label={`сектор ${s.label} в правиле ${r.id}`}
                              checked={list.includes(s.id)}
                              onChange={(e) => edit(i, { sectors: e.target.checked ? [...list, s.id] : list.filter((x) => x !== s.id) })}
                            />{' '}
                            {s.label}
                          </label>
                        );
                      })}
                      <label>
                        <input
                          type="checkbox"
                          aria-label={`только важные в правиле ${r.id}`}
                          checked={r.highImportanceOnly === true}
                          onChange={(e) => edit(i, { highImportanceOnly: e.target.checked })}
                        />{' '}
                        только важные
                      </label>
                      <FieldError errors={errors} path={`${p}.sectors`} />
                    </>
                  )}
                  {r.type === 'accident-threshold' && <span>порог {String(r.threshold)}</span>}
                </td>
                <td>
                  <button type="button" className="plain" aria-label={`удалить правило ${r.id}`} onClick={() => onChange(rules.filter((_, j) => j !== i))}>
                    ✕
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <FieldError errors={errors} path="alarm-rules" exact />
      <div className="admin-row">
        <button
          type="button"
          className="plain"
          data-add-rule="accident-residents"
          onClick={() => onChange([...rules, { id: freeId('residents'), type: 'accident-residents', severity: 'major', minResidents: 1000 }])}
        >
          + Авария: жители без ресурса
        </button>
        <button
          type="button"
          className="plain"
          data-add-rule="overdue-in-sector"
          onClick={() =>
            onChange([...rules, { id: freeId('overdue'), type: 'overdue-in-sector', severity: 'warning', sectors: [sectors[0]?.id ?? 'housing'] }])
          }
        >
          + Просрочка в секторе
        </button>
      </div>
    </div>
  );
}
