/**
 * The `sla-rules` form as a table: every term with its unit, and the ПОС terms per topic
 * (topic id → working days). The production calendar is its own document.
 */
import type { ConfigError } from '../../app/config/config-errors';
import { copy, FieldError } from './FieldError';

type Rules = Record<string, Record<string, unknown>>;

const TERMS: readonly [group: string, key: string, label: string, unit: string][] = [
  ['social', 'firstAnswerHours', 'Соцсети: первый ответ', 'ч'],
  ['social', 'firstAnswerHoursHigh', 'Соцсети: первый ответ на важное', 'ч'],
  ['social', 'accidentAnswerHours', 'Соцсети: ответ по аварии', 'ч'],
  ['social', 'finalAfterIntermediateDays', 'Соцсети: итоговый после промежуточного', 'дн.'],
  ['written', 'registrationDays', 'Письменные (59-ФЗ): регистрация', 'дн.'],
  ['written', 'redirectDays', 'Письменные: переадресация', 'дн.'],
  ['written', 'days', 'Письменные: ответ', 'дн.'],
  ['written', 'extensionDays', 'Письменные: продление', 'дн.'],
  ['pos', 'defaultWorkingDays', 'ПОС: ответ (по умолчанию)', 'раб. дн.'],
  ['atRisk', 'shareLeft', '«Под угрозой»: осталась доля срока', '0–1'],
];

const isRules = (v: unknown): v is Rules =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  ['social', 'written', 'pos', 'atRisk'].every((g) => typeof (v as Rules)[g] === 'object' && (v as Rules)[g] !== null);

export function SlaRulesTable({ value, errors, onChange }: { value: unknown; errors: readonly ConfigError[]; onChange: (v: unknown) => void }) {
  if (!isRules(value)) return <p className="warn">Таблица недоступна: текст документа не похож на правила сроков — правьте его во вкладке «JSON».</p>;
  const set = (group: string, key: string, v: unknown) => {
    const next = copy(value);
    next[group]![key] = v;
    onChange(next);
  };
  const byTopic = (value.pos!.byTopic ?? {}) as Record<string, number>;
  const setTopics = (t: Record<string, number>) => set('pos', 'byTopic', t);
  return (
    <div data-form="sla-rules">
      <table>
        <tbody>
          {TERMS.map(([g, k, label, unit]) => (
            <tr key={`${g}.${k}`}>
              <th>{label}</th>
              <td>
                <input
                  type="number"
                  step="any"
                  aria-label={label}
                  value={String(value[g]![k] ?? '')}
                  style={{ width: 90 }}
                  aria-invalid={errors.some((e) => e.path === `sla-rules.${g}.${k}`)}
                  onChange={(e) => set(g, k, e.target.value === '' ? undefined : Number(e.target.value))}
                />{' '}
                {unit}
                <FieldError errors={errors} path={`sla-rules.${g}.${k}`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>ПОС: сроки по темам, рабочих дней</h3>
      <table>
        <tbody>
          {Object.entries(byTopic).map(([topic, days]) => (
            <tr key={topic}>
              <th>{topic}</th>
              <td>
                <input
                  type="number"
                  aria-label={`срок темы ${topic}`}
                  value={String(days)}
                  style={{ width: 70 }}
                  onChange={(e) => setTopics({ ...byTopic, [topic]: Number(e.target.value) })}
                />
                <button
                  type="button"
                  className="plain"
                  aria-label={`убрать срок темы ${topic}`}
                  onClick={() => setTopics(Object.fromEntries(Object.entries(byTopic).filter(([k]) => k !== topic)))}
                >
                  ✕
                </button>
                <FieldError errors={errors} path={`sla-rules.pos.byTopic[${JSON.stringify(topic)}]`} />
                <FieldError errors={errors} path={`sla-rules.pos.byTopic.${topic}`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="admin-row"
        onSubmit={(e) => {
          e.preventDefault();
          const input = (e.currentTarget.elements.namedItem('topic') as HTMLInputElement | null)!;
          if (input.value.trim()) setTopics({ ...byTopic, [input.value.trim()]: Number(value.pos!.defaultWorkingDays ?? 30) });
          input.value = '';
        }}
      >
        <input name="topic" aria-label="id темы" placeholder="housing.no-heat" />
        <button type="submit" className="plain">
          + срок темы
        </button>
      </form>
    </div>
  );
}
