/** The import's refusal reasons (hub/import: `code: detail`) for the admin page. */
/** Russian names of the import's reason codes (hub/import; the detail after the code stays as the hub wrote it). */
const REASONS_RU: Readonly<Record<string, string>> = {
  missing: 'пусто',
  'missing-column': 'нет столбца',
  'unknown-value': 'значение не из справочника',
  'unknown-org': 'организация не найдена в справочнике',
  'unknown-house': 'дом не найден в реестре',
  'bad-date': 'не дата',
  'bad-id': 'недопустимый номер',
  'bad-row': 'строка не читается',
  'bad-xml': 'XML не читается',
  'no-resource': 'нет ресурса',
  'not-started': 'не началось',
  'stale-version': 'старая версия',
  'more-pages': 'в выгрузке есть ещё страницы',
  truncated: 'файл обрезан',
  'bad-number': 'не число',
  'bad-format': 'не тот формат файла',
  'unknown-municipality': 'муниципалитет не найден',
  'corrupt-file': 'файл повреждён',
  'empty-file': 'файл пуст',
  'too-large': 'слишком большая запись',
  malformed: 'неверная запись',
};

/** `code: detail` → «Russian name (code): detail». */
export function reasonRu(reason: string): string {
  const m = /^([a-z-]+)(?::\s*(.*))?$/s.exec(reason);
  const ru = m ? REASONS_RU[m[1]!] : undefined;
  return ru ? `${ru} (${m![1]})${m![2] ? `: ${m![2]}` : ''}` : reason;
}

/**
 * A refusal in Russian only: the reason's Russian name and the source values it quotes («…»),
 * e.g. «значение не из справочника: «Передано в архив»»; `detail` is the hub's full English
 * line (for a tooltip). An unknown code comes back as the hub wrote it.
 */
export function reasonRuShort(reason: string): { text: string; detail: string } {
  const m = /^([a-z-]+)(?::\s*(.*))?$/s.exec(reason);
  const ru = m ? REASONS_RU[m[1]!] : undefined;
  if (!ru) return { text: reason, detail: reason };
  const quoted = [...(m![2] ?? '').matchAll(/«[^»]*»/g)].map((q) => q[0]);
  return { text: quoted.length ? `${ru}: ${quoted.join(', ')}` : ru, detail: reason };
}
