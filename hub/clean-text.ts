/**
 * Invisible characters out of every text at ingest: bidirectional embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069), zero-width characters and direction marks
 * (U+200B–U+200F, U+FEFF) and C0/C1 control characters other than tab and line breaks. A
 * right-to-left override in an address once reversed the wall's banner; a zero-width space
 * splits a name so that no rule sees it.
 */
import type { Entity } from '../app/domain/entity';

// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B-\u200F\uFEFF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

export function cleanText(s: string): string {
  return s.replace(INVISIBLE, '');
}

/** Every free-text field of an entity cleaned; the same object when nothing changed. */
export function cleanEntityText(e: Entity): Entity {
  let changed = false;
  const out: Record<string, unknown> = { ...e };
  for (const [k, v] of Object.entries(e)) {
    if (typeof v !== 'string') continue;
    const c = cleanText(v);
    if (c !== v) {
      out[k] = c;
      changed = true;
    }
  }
  return changed ? (out as Entity) : e;
}
