/**
 * An honest heading (issue 18): where a panel column hides rows that do not fit whole
 * (`scenes/whole-rows.ts` marks them `data-beyond`), the panel's heading says so — «ещё 2»
 * when some of its rows are shown, «4 не поместились» when none is — instead of a heading
 * over rows that are not there. Written into the heading's `.panel-more` (rendered empty by
 * `Panel`), and only when the text changes (the column's MutationObserver sees it).
 */

/** The heading's words for `hidden` of `total` rows not shown; empty when all are shown. */
export function hiddenRowsNote(hidden: number, total: number): string {
  if (hidden <= 0) return '';
  return hidden >= total ? `${hidden} не поместились` : `ещё ${hidden}`;
}

/** Sets each panel's `.panel-more` in `column` from its rows marked `data-beyond`. */
export function markHiddenRows(column: HTMLElement): void {
  for (const panel of column.querySelectorAll<HTMLElement>('section.panel')) {
    const more = panel.querySelector<HTMLElement>(':scope > .panel-title .panel-more');
    if (!more) continue;
    const rows = panel.querySelectorAll('li, tr:not(.gap)');
    const hidden = panel.querySelectorAll('li[data-beyond], tr[data-beyond]:not(.gap)').length;
    const text = hiddenRowsNote(hidden, rows.length);
    if (more.textContent !== text) more.textContent = text;
    panel.toggleAttribute('data-rows-hidden', hidden > 0);
  }
}
