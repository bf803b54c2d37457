/**
 * Rows of «label in the export → our value» (an import mapping's columns and value maps) as the
 * form's own list: the document is an object, so a label typed equal to another row's would merge
 * the two rows (one vanishes while typing) and an all-digit label would jump to the front. The
 * rows stay as typed, each row's problem beside it; the document gets the rows only while none has
 * a problem (it keeps its last valid map meanwhile) and the problems go up as form errors, which
 * DocEditor refuses to save with.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ConfigError } from '../../app/config/config-errors';
import { normLabel } from '../../app/config/import-mappings';

export type LabelRow = [label: string, target: string];

/** What a problem says, in Russian. */
export interface LabelMessages {
  empty: string;
  repeated: (label: string) => string;
}

/**
 * Each row's problem (null: fine): an empty label; the very label of another row (one of them
 * would vanish from the object); or one label with another row's to the importer (`normLabel`)
 * mapped to another target (the hub refuses that, app/config/import-mappings.ts). One label on the
 * same target is only redundant, as the hub has it.
 */
export function labelProblems(rows: readonly LabelRow[], say: LabelMessages): (string | null)[] {
  const exact = new Map<string, number>();
  const targets = new Map<string, Set<string>>();
  for (const [l, t] of rows) {
    exact.set(l, (exact.get(l) ?? 0) + 1);
    const k = normLabel(l);
    targets.set(k, (targets.get(k) ?? new Set()).add(t));
  }
  return rows.map(([l]) => (l.trim() === '' ? say.empty : exact.get(l)! > 1 || targets.get(normLabel(l))!.size > 1 ? say.repeated(l.trim()) : null));
}

/** A label no row has yet: `${stem} N`. */
export function freshLabel(rows: readonly LabelRow[], stem: string): string {
  const taken = new Set(rows.map(([l]) => normLabel(l)));
  let n = rows.length + 1;
  while (taken.has(normLabel(`${stem} ${n}`))) n++;
  return `${stem} ${n}`;
}

/**
 * The rows of the document's map `doc`, kept by the form. When the map changes, or the document
 * is set from outside (`revision`): rows that are valid and say the same (the form's own echo, a
 * save) stay as they are, in their order; else the map's entries replace them (the JSON tab, a
 * rollback, a load, «Отменить правки»). `edit` sets the rows and hands the map to `commit` only
 * when no row has a problem; `onErrors` gets the problems as errors at `pathOf(row index)`.
 */
export function useLabelRows({
  doc,
  revision,
  say,
  pathOf,
  onErrors,
}: {
  doc: Record<string, string>;
  revision?: unknown;
  say: LabelMessages;
  pathOf: (i: number) => string;
  onErrors?: (errors: ConfigError[]) => void;
}) {
  const [rows, setRows] = useState<LabelRow[]>(() => Object.entries(doc));
  const docJson = JSON.stringify(doc);
  useEffect(() => {
    const entries = Object.entries(JSON.parse(docJson) as Record<string, string>);
    setRows((r) => (sameRows(r, entries, say) ? r : entries));
    // `say` is constant for a caller.
  }, [revision, docJson]);
  const problems = labelProblems(rows, say);
  const errors: ConfigError[] = problems.flatMap((p, i) => (p ? [{ path: pathOf(i), message: p }] : []));
  const errorsKey = JSON.stringify(errors);
  useEffect(() => onErrors?.(JSON.parse(errorsKey) as ConfigError[]), [errorsKey]);
  useEffect(() => () => onErrors?.([]), []);
  const edit = (next: LabelRow[], commit: (map: Record<string, string>) => void) => {
    setRows(next);
    if (labelProblems(next, say).some((p) => p !== null)) return;
    commit(Object.fromEntries(next));
  };
  return { rows, problems, errors, edit };
}

/** Valid rows with the same label → target pairs as the document's, in any order. */
function sameRows(rows: readonly LabelRow[], doc: readonly LabelRow[], say: LabelMessages): boolean {
  if (rows.length !== doc.length || labelProblems(rows, say).some((p) => p !== null)) return false;
  const byLabel = new Map(doc);
  return rows.every(([l, t]) => byLabel.get(l) === t);
}

/**
 * Form errors from several parts (the columns, each value map) as one list for `onErrors`
 * (DocEditor's form-errors hook); `report(part, errors)` replaces one part's. Cleared on unmount.
 */
export function useErrorParts(onErrors?: (errors: ConfigError[]) => void) {
  const [parts, setParts] = useState<Record<string, ConfigError[]>>({});
  const all = Object.values(parts).flat();
  const key = JSON.stringify(all);
  useEffect(() => onErrors?.(JSON.parse(key) as ConfigError[]), [key]);
  useEffect(() => () => onErrors?.([]), []);
  const report = useCallback(
    (part: string, errors: ConfigError[]) => setParts((p) => (JSON.stringify(p[part] ?? []) === JSON.stringify(errors) ? p : { ...p, [part]: errors })),
    [],
  );
  return { errors: all, report };
}
