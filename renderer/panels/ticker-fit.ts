/**
 * The ticker shows whole items only (issue 18): items that do not fit its one line wrap onto
 * lines it hides, but the first item stays on the line even when it alone is wider than the
 * screen (a long address at a large type scale: a 4K panel read from 8 m). Its title is then
 * abbreviated after a whole word (app/ui/abbreviate, `data-full` holds the whole title) until the
 * item fits, so nothing runs past the screen's edge.
 */
import { abbreviateAtWord } from '../../app/ui/abbreviate';

/**
 * Gives every item of the ticker list `ol` its whole title back, then shortens the title of an
 * item on the visible line that ends past the list's edge until it ends inside it.
 */
export function fitTickerItems(ol: HTMLElement): void {
  const items = [...ol.children] as HTMLElement[];
  for (const li of items) {
    const title = li.querySelector<HTMLElement>('[data-full]');
    if (title && title.textContent !== (title.dataset.full ?? '')) title.textContent = title.dataset.full ?? '';
  }
  const box = ol.getBoundingClientRect();
  for (const li of items) {
    const title = li.querySelector<HTMLElement>('[data-full]');
    if (!title || li.getBoundingClientRect().top >= box.bottom - 1) continue;
    const full = title.dataset.full ?? '';
    for (let n = full.length - 1; n > 0 && li.getBoundingClientRect().right > box.right + 0.5; n--) {
      const text = abbreviateAtWord(full, n);
      if (text === title.textContent) continue;
      title.textContent = text;
      if (!text.includes(' ')) break;
    }
  }
}
