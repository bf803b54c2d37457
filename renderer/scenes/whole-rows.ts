/**
 * Whole rows only (issue 18 «nothing cut short»): a panel column has a fixed height, and rows
 * whose names wrap to two lines may not all fit. Every row (list item, table row, paragraph)
 * that would straddle or pass the column's bottom edge is marked `data-beyond` (hidden by
 * wall.css), so the column ends after the last whole row instead of halfway through a line.
 * Re-measured when the column's content or size changes.
 */
import { useEffect, type RefObject } from 'react';
import { abbreviateAtWord } from '../../app/ui/abbreviate';
import { markHiddenRows } from '../panels/hidden-rows';

const ROWS = 'li, tr, p';

/** Marks the rows of `column` that do not fit whole; returns how many were marked. */
export function markRowsBeyond(column: HTMLElement): number {
  const rows = [...column.querySelectorAll<HTMLElement>(ROWS)];
  for (const r of rows) r.removeAttribute('data-beyond');
  const bottom = column.getBoundingClientRect().bottom - parseFloat(getComputedStyle(column).paddingBottom || '0');
  let marked = 0;
  for (const r of rows) {
    if (r.getBoundingClientRect().bottom > bottom + 0.5) {
      r.setAttribute('data-beyond', '');
      marked++;
    }
  }
  return marked;
}

/** True when the two-line clamp of `el` hides text (lifting it makes the box taller). */
function clamped(el: HTMLElement): boolean {
  const before = el.getBoundingClientRect().height;
  el.style.setProperty('-webkit-line-clamp', 'unset');
  const after = el.getBoundingClientRect().height;
  el.style.removeProperty('-webkit-line-clamp');
  return after > before + 1;
}

/**
 * Titles that still do not fit their two lines (a narrow column, a large type scale) are
 * abbreviated after a whole word, shorter until they fit (`data-full` holds the whole title).
 */
export function fitTitles(column: HTMLElement): void {
  for (const el of column.querySelectorAll<HTMLElement>('[data-full]')) {
    const full = el.dataset.full ?? '';
    if (!clamped(el)) continue;
    for (let n = (el.textContent ?? full).length - 1; n > 0; n--) {
      const text = abbreviateAtWord(full, n);
      if (text === el.textContent) continue;
      el.textContent = text;
      if (!clamped(el) || !text.includes(' ')) break;
    }
  }
}

export function useWholeRows(column: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = column.current;
    if (!el) return;
    let frame = 0;
    const schedule = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        fitTitles(el);
        markRowsBeyond(el);
        markHiddenRows(el);
      });
    };
    const resize = new ResizeObserver(schedule);
    resize.observe(el);
    // Our own attribute changes are not watched (attributes: false), so marking never loops.
    const mutations = new MutationObserver(schedule);
    mutations.observe(el, { childList: true, subtree: true, characterData: true });
    schedule();
    return () => {
      cancelAnimationFrame(frame);
      resize.disconnect();
      mutations.disconnect();
    };
  }, [column]);
}
