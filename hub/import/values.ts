/**
 * Reading source values: dates in the formats a mapping lists (local time of the source,
 * Europe/Moscow = UTC+3 by default; Russia has kept no daylight saving since 2014), numbers
 * with a decimal comma, municipalities by OKTMO code or name, value maps. Pure functions.
 */
import { normLabel } from '../../app/config/import-mappings';
import { municipalities, normalizeOktmo, type Municipality } from '../../app/domain/municipality';
import type { Cell } from './types';

/** Moscow time, the region's time zone (DOMAIN.md), in minutes east of UTC. */
export const MOSCOW_OFFSET_MIN = 180;

/** The text of a cell, trimmed; '' for an empty one. */
export function text(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  return String(v).trim();
}

/** Case, ё, spaces and quotes do not make two labels different (one rule with the admin form). */
export { normLabel };

const TOKEN = /YYYY|MM|DD|HH|mm|ss/g;
const compiled = new Map<string, { re: RegExp; order: string[] }>();

function compile(format: string): { re: RegExp; order: string[] } {
  let c = compiled.get(format);
  if (!c) {
    const order: string[] = [];
    const src = format.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(TOKEN, (t) => {
      order.push(t);
      return t === 'YYYY' ? '(\\d{4})' : '(\\d{1,2})';
    });
    c = { re: new RegExp(`^${src}$`), order };
    compiled.set(format, c);
  }
  return c;
}

/**
 * Unix ms of a source date: a `Date` from a spreadsheet (its UTC fields are the wall-clock
 * time the cell shows, as exceljs reads it), an Excel serial number, ISO 8601 with an offset,
 * or text in one of `formats` (tokens YYYY MM DD HH mm ss) as local time at `offsetMin`.
 * Undefined when the value is no date (or an impossible one: 31.02).
 */
export function parseDate(v: Cell, formats: readonly string[], offsetMin = MOSCOW_OFFSET_MIN): number | undefined {
  if (v instanceof Date) {
    const t = v.getTime();
    return Number.isNaN(t) ? undefined : t - offsetMin * 60_000;
  }
  if (typeof v === 'number') {
    // Excel serial: days since 1899-12-30, wall-clock time.
    if (!Number.isFinite(v) || v < 1 || v > 2_958_465) return undefined;
    return Math.round((v - 25569) * 86_400_000) - offsetMin * 60_000;
  }
  const s = text(v);
  if (!s) return undefined;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? undefined : t;
  }
  for (const f of formats) {
    const { re, order } = compile(f);
    const m = re.exec(s);
    if (!m) continue;
    const p: Record<string, number> = { YYYY: 0, MM: 1, DD: 1, HH: 0, mm: 0, ss: 0 };
    order.forEach((t, i) => (p[t] = Number(m[i + 1])));
    const { YYYY: y, MM: mo, DD: d, HH: h, mm: mi, ss: se } = p as Record<'YYYY' | 'MM' | 'DD' | 'HH' | 'mm' | 'ss', number>;
    if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 59) return undefined;
    const utc = Date.UTC(y, mo - 1, d, h, mi, se);
    if (new Date(utc).getUTCDate() !== d) return undefined; // 31.02 rolled over
    return utc - offsetMin * 60_000;
  }
  return undefined;
}

/** A number from a cell ("55,48" or 55.48); undefined when it is none. */
export function parseNumber(v: Cell): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  const s = text(v).replace(/\s/g, '').replace(',', '.');
  if (!/^[+-]?\d+(\.\d+)?$/.test(s)) return undefined;
  return Number(s);
}

let index: Map<string, Municipality> | null = null;
/** Municipalities by OKTMO (2025 and 2023 codes), full name, short name and centre («г. Канаш», «Канаш»). */
function municipalityIndex(): Map<string, Municipality> {
  if (index) return index;
  index = new Map();
  const m2025 = municipalities('2025');
  const byOktmo = new Map(m2025.map((m) => [m.oktmo, m]));
  const put = (k: string, m: Municipality) => {
    const n = normLabel(k);
    if (n && !index!.has(n)) index!.set(n, m);
  };
  for (const m of m2025) for (const k of [m.oktmo, m.name, m.shortName, m.centreName, m.centreName.replace(/^\S+\.?\s+/, '')]) put(k, m);
  for (const m of municipalities('2023')) {
    const target = byOktmo.get(normalizeOktmo(m.oktmo) ?? '');
    if (target) for (const k of [m.oktmo, m.name, m.shortName]) put(k, target);
  }
  return index;
}

/** The 2025 municipality a source names by OKTMO code (8 or 11 digits) or by name. */
export function resolveMunicipality(v: string): Municipality | undefined {
  const s = v.trim();
  const digits = /^\d{8}(\d{3})?$/.test(s) ? s.slice(0, 8) : null;
  return municipalityIndex().get(normLabel(digits ?? s));
}

/** A value through a value map (keys compared as labels), or undefined when the map lacks it. */
export function mapValue<T extends string>(map: Readonly<Record<string, T>>, v: string): T | undefined {
  let norm = normalisedMaps.get(map) as Map<string, T> | undefined;
  if (!norm) {
    norm = new Map(Object.entries(map).map(([k, t]) => [normLabel(k), t]));
    normalisedMaps.set(map, norm);
  }
  return norm.get(normLabel(v));
}
const normalisedMaps = new WeakMap<object, Map<string, string>>();
