/**
 * Legibility checks of a wall page shared by the legibility tests (wall-legibility*.test.ts,
 * issue 18): texts CSS cuts short, overlapping text boxes, texts below the type scale's body
 * size, texts that end with «…», and panel headings over rows that did not fit.
 */
import type { Page } from 'playwright-core';

/** Texts that CSS cut short: clamped or ellipsised boxes whose content overflows them, ticker items cut at its end. */
export function textsCutShort(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('.wall *')) {
      const text = el.textContent?.trim() ?? '';
      if (!text || el.closest('.maplibregl-ctrl-attrib, .sr-only') || el.getClientRects().length === 0) continue;
      const cs = getComputedStyle(el);
      const clamp = cs.webkitLineClamp !== 'none' && cs.webkitLineClamp !== '';
      if (clamp) {
        // Clamped when lifting the clamp makes the box taller (more than two lines of text).
        const before = el.getBoundingClientRect().height;
        el.style.setProperty('-webkit-line-clamp', 'unset');
        const after = el.getBoundingClientRect().height;
        el.style.removeProperty('-webkit-line-clamp');
        if (after > before + 2) out.push(`clamped: ${text}`);
      } else if (cs.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) out.push(`ellipsis: ${text}`);
    }
    // A panel column shows whole lines only: none straddles its bottom edge.
    for (const col of document.querySelectorAll<HTMLElement>('.scene-column')) {
      const bottom = col.getBoundingClientRect().bottom;
      for (const li of col.querySelectorAll('li, tr, p')) {
        const r = li.getBoundingClientRect();
        if (getComputedStyle(li).visibility !== 'hidden' && r.top < bottom - 1 && r.bottom > bottom + 1) out.push(`column edge: ${li.textContent ?? ''}`);
      }
    }
    for (const ol of document.querySelectorAll<HTMLElement>('.ticker-strip ol')) {
      const box = ol.getBoundingClientRect();
      for (const li of ol.querySelectorAll('li')) {
        const r = li.getBoundingClientRect();
        const shown = r.top < box.bottom - 1 && r.bottom > box.top + 1;
        if (shown && (r.right > box.right + 1 || r.bottom > box.bottom + 1)) out.push(`ticker: ${li.textContent ?? ''}`);
      }
    }
    return out;
  });
}

/** Pairs of visible wall text boxes (leaf text elements, one box per line) that overlap. */
export function overlappingLabels(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    type Box = { text: string; l: number; t: number; r: number; b: number };
    const boxes: Box[] = [];
    const walker = document.createTreeWalker(document.querySelector('.wall') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim() ?? '';
      const el = n.parentElement;
      if (!text || !el || el.closest('.sr-only, .maplibregl-ctrl-attrib, [data-alarm-frame]')) continue;
      // The visible part: clipped by every overflow-hidden ancestor.
      let clip = { l: -Infinity, t: -Infinity, r: Infinity, b: Infinity };
      for (let a: HTMLElement | null = el; a; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (cs.overflow !== 'visible' || cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
          const r = a.getBoundingClientRect();
          clip = { l: Math.max(clip.l, r.left), t: Math.max(clip.t, r.top), r: Math.min(clip.r, r.right), b: Math.min(clip.b, r.bottom) };
        }
      }
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) {
        // The glyphs' core (the middle half of the line box): lines set tighter than the font's
        // ascent + descent touch without their letters meeting.
        const q = r.height / 4;
        const b = { text, l: Math.max(r.left, clip.l), t: Math.max(r.top + q, clip.t), r: Math.min(r.right, clip.r), b: Math.min(r.bottom - q, clip.b) };
        if (b.r - b.l > 1 && b.b - b.t > 1) boxes.push(b);
      }
    }
    const out: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const c = boxes[j]!;
        const w = Math.min(a.r, c.r) - Math.max(a.l, c.l);
        const h = Math.min(a.b, c.b) - Math.max(a.t, c.t);
        if (w > 2 && h > 1) out.push(`«${a.text}» × «${c.text}»`);
      }
    }
    return out;
  });
}

/** Visible texts under `root` (default: the wall) smaller than the type scale's body size (`data-type-scale`), the map's attribution aside. */
export function textsTooSmall(p: Page, root = '.wall'): Promise<string[]> {
  return p.evaluate((sel) => {
    const body = Number((document.documentElement.dataset.typeScale ?? '0/0').split('/')[0]);
    const out: string[] = [];
    const walker = document.createTreeWalker(document.querySelector(sel) ?? document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim() ?? '';
      if (!text || !el || el.closest('.maplibregl-ctrl-attrib, .sr-only, [aria-hidden="true"]') || el.getClientRects().length === 0) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden') continue;
      const px = parseFloat(cs.fontSize);
      if (px + 0.5 < body) out.push(`${text} (${px} px < ${body} px)`);
    }
    return out;
  }, root);
}


/** Visible texts under `root` (default: the wall) that end with «…» (a title cut short shows its cut as text). */
export function textsEndingWithEllipsis(p: Page, root = '.wall'): Promise<string[]> {
  return p.evaluate((sel) => {
    const out: string[] = [];
    for (const top of document.querySelectorAll(sel)) {
      const walker = document.createTreeWalker(top, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        const text = n.textContent?.trim() ?? '';
        if (!text.endsWith('…') || !el || el.closest('.sr-only, [aria-hidden="true"], [data-beyond]') || el.getClientRects().length === 0) continue;
        if (getComputedStyle(el).visibility !== 'hidden') out.push(text);
      }
    }
    return out;
  }, root);
}

/**
 * Visible texts that end with «…» anywhere but after a whole word of their full text
 * (`data-full`, or no full text known): a deliberate abbreviation is allowed, a cut word is not.
 */
export function textsCutMidWord(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.querySelector('.wall') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = (n.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (!text.endsWith('…') || !el || el.closest('.sr-only, [aria-hidden="true"], [data-beyond]') || el.getClientRects().length === 0) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      const full = (el.closest<HTMLElement>('[data-full]')?.dataset.full ?? '').replace(/\s+/g, ' ').trim();
      const head = text.slice(0, -1);
      const after = full.charAt(head.length);
      if (!full.startsWith(head) || (after !== '' && after !== ' ' && /[\p{L}\p{N}]/u.test(after) && /[\p{L}\p{N}]$/u.test(head))) out.push(`${text} (of «${full}»)`);
    }
    return out;
  });
}

/**
 * Panels of the scene column whose rows did not all fit (`data-beyond`) and whose heading does
 * not say so: the heading's `.panel-more` must read «ещё N» (some shown) or «N не поместились».
 */
export function dishonestHeadings(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const out: string[] = [];
    for (const panel of document.querySelectorAll<HTMLElement>('.scene-column section.panel')) {
      const rows = panel.querySelectorAll('li, tr:not(.gap)').length;
      const hidden = panel.querySelectorAll('li[data-beyond], tr[data-beyond]:not(.gap)').length;
      const more = panel.querySelector('.panel-title .panel-more')?.textContent ?? '';
      const want = hidden === 0 ? '' : hidden >= rows ? `${hidden} не поместились` : `ещё ${hidden}`;
      const title = panel.querySelector('.panel-title');
      const seen = title !== null && title.getClientRects().length > 0 && getComputedStyle(title).visibility !== 'hidden';
      if (seen && more !== want) out.push(`${panel.dataset.panel ?? '?'}: ${hidden} of ${rows} rows hidden, heading says «${more}»`);
    }
    return out;
  });
}

/** The visible wall text with the smallest font: its text, CSS font shorthand and size (px). */
export function smallestText(p: Page): Promise<{ text: string; font: string; px: number } | null> {
  return p.evaluate(() => {
    let best: { text: string; font: string; px: number } | null = null;
    const walker = document.createTreeWalker(document.querySelector('.wall') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim() ?? '';
      if (!text || !el || el.closest('.maplibregl-ctrl-attrib, .sr-only, [aria-hidden="true"]') || el.getClientRects().length === 0) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden') continue;
      const px = parseFloat(cs.fontSize);
      if (!best || px < best.px) best = { text, font: `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`, px };
    }
    return best;
  });
}

/**
 * Visible texts that run past the screen's left or right edge, or past the right edge of a box
 * that clips them (`overflow` other than visible): a page wider than its screen, or a column
 * narrower than its words.
 */
export function textsPastEdge(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.querySelector('.wall') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim() ?? '';
      if (!text || !el || el.closest('.sr-only, .maplibregl-ctrl-attrib, [aria-hidden="true"], [data-beyond]') || el.getClientRects().length === 0) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      let right = window.innerWidth;
      let top = 0;
      let bottom = window.innerHeight;
      for (let a: HTMLElement | null = el; a; a = a.parentElement) {
        const cs = getComputedStyle(a);
        const box = a.getBoundingClientRect();
        if (cs.overflowX !== 'visible') right = Math.min(right, box.right);
        if (cs.overflowY !== 'visible') [top, bottom] = [Math.max(top, box.top), Math.min(bottom, box.bottom)];
      }
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) {
        // A line wrapped out of sight (the ticker's hidden lines) is not on the screen at all.
        // (By the middle of its glyph box: a font's box is taller than a tight line.)
        const middle = (r.top + r.bottom) / 2;
        if (r.width < 1 || middle >= bottom || middle <= top) continue;
        if (r.left < -1 || (r.right > right + 1 && r.left < right - 1)) {
          out.push(`${text.slice(0, 60)} (${Math.round(r.left)}–${Math.round(r.right)} px, edge ${Math.round(right)}; in ${el.closest("[data-panel], [class]")?.className ?? "?"} of ${el.closest("[data-panel]")?.getAttribute("data-panel") ?? "?"})`);
          break;
        }
      }
    }
    return out;
  });
}
