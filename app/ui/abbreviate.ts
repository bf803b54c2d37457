/**
 * Deliberate abbreviation of wall text: never cut inside a word. Where a title is longer than
 * its place allows even on two lines, it ends after the last whole word that fits, followed by
 * «…»; a trailing preposition, conjunction, dash or comma goes too («Яма на…» → «Яма…»).
 * CSS then wraps the result to at most two lines at spaces (`line-clamp: 2` only as a guard).
 */

/** Short words that never end an abbreviated title: prepositions, conjunctions, particles. */
const DANGLING = new Set([
  'в',
  'во',
  'на',
  'и',
  'а',
  'но',
  'у',
  'с',
  'со',
  'к',
  'ко',
  'о',
  'об',
  'обо',
  'от',
  'по',
  'из',
  'за',
  'для',
  'до',
  'при',
  'под',
  'над',
  'без',
  'не',
  'ни',
  'или',
  'же',
  'ул.',
  'д.',
  'г.',
  '—',
  '–',
  '-',
  '·',
]);

/** The mark of a deliberate abbreviation. */
export const ELLIPSIS = '…';

/**
 * `text` (whitespace collapsed) when it has at most `maxChars` characters, else its longest run
 * of whole words that fits with «…» after it. A first word longer than `maxChars` is kept whole
 * (then «…» if more follows): a word is never cut.
 * @example abbreviateAtWord('Разрушено дорожное покрытие на улице Ленина', 24) → 'Разрушено дорожное…'
 */
export function abbreviateAtWord(text: string, maxChars: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= maxChars) return clean;
  const words = clean.split(' ');
  const kept: string[] = [];
  let length = 0;
  for (const w of words) {
    const next = length === 0 ? w.length : length + 1 + w.length;
    if (next + ELLIPSIS.length > maxChars) break;
    kept.push(w);
    length = next;
  }
  while (kept.length > 1 && DANGLING.has(kept[kept.length - 1]!.toLowerCase())) kept.pop();
  if (kept.length === 0) {
    if (words.length === 1) return clean;
    kept.push(words[0]!);
  }
  const head = kept.join(' ').replace(/[\s,;:—–-]+$/u, '');
  return head + ELLIPSIS;
}

/**
 * A public appeal title ends with its place («Нет отопления — Чебоксары», composed by the hub):
 * without it, where the place is said already (the organisation is its administration, the
 * scene is that municipality, or every row of a list is there).
 */
export function withoutPlace(title: string, place: string): string {
  const suffix = ` — ${place}`;
  return title.endsWith(suffix) ? title.slice(0, -suffix.length) : title;
}

/** True when `text` ends with «…» glued to a part of a word that `full` goes on with (a mid-word cut). */
export function isCutMidWord(text: string, full: string): boolean {
  const shown = text.replace(/\s+/g, ' ').trim();
  if (!shown.endsWith(ELLIPSIS)) return false;
  const head = shown.slice(0, -ELLIPSIS.length);
  const whole = full.replace(/\s+/g, ' ').trim();
  if (!whole.startsWith(head)) return true;
  const after = whole.charAt(head.length);
  return after !== '' && after !== ' ' && /[\p{L}\p{N}]/u.test(after) && /[\p{L}\p{N}]$/u.test(head);
}
