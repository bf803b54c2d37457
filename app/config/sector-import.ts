/**
 * Import of sectors from «BI: ЦУР РФ» (issue 12): a CSV list of sectors, one a line: id, name,
 * and an optional colour (`#rrggbb` or `r g b`). Separator `,` or `;` (Excel in a Russian
 * locale writes `;`); a first line naming the columns (`id`, `код`, …) is skipped; quotes as in
 * RFC 4180. The import merges into the current list: a listed sector is added or renamed, one
 * not listed is kept (removing is an edit of the document, with its checks). A sector without a
 * colour keeps its own, or gets the next free colour of the palette. New sectors go before the
 * catch-all `other`, which stays last.
 */
import type { Sector } from '../domain/sector';
import type { ConfigError } from './config-errors';
import { nextSectorColor, SECTOR_ID_RE } from './reference-schemas';

/** What an import would do to the sector list. */
export interface SectorImport {
  /** The whole new list: the current sectors (changed in place), then the added ones. */
  readonly sectors: Sector[];
  readonly added: Sector[];
  readonly changed: { id: string; before: Sector; after: Sector }[];
  /** Ids of current sectors the file lists unchanged or does not list. */
  readonly kept: string[];
}

/** Splits CSV text into rows of cells (RFC 4180 quotes; `,` or `;`, whichever the first line has more of). */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows.map((r) => r.map((x) => x.trim())).filter((r) => r.some((x) => x !== ''));
}

/** `#rrggbb`, `rrggbb` or three numbers 0–255 (`230 159 0`, `230,159,0`); null when not a colour. */
export function parseColor(text: string): [number, number, number] | null {
  const hex = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(text);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const parts = text
    .replace(/^\[|\]$/g, '')
    .split(/[\s,;]+/)
    .filter(Boolean);
  if (parts.length !== 3 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.map(Number) as [number, number, number];
}

/** The catch-all sector of the defaults, kept at the end of the list. */
const CATCH_ALL = 'other';
const HEADER = /^(id|код|идентификатор|sector)$/i;

/**
 * Reads a «BI: ЦУР РФ» CSV against the current sectors. Errors name the line
 * (`csv[3].color`, 1-based as a spreadsheet shows it); with any error nothing is imported.
 */
export function importSectorsCsv(text: string, current: readonly Sector[]): { ok: true; result: SectorImport } | { ok: false; errors: ConfigError[] } {
  return importSectorRows(parseCsv(text), current, 'csv');
}

/**
 * The same for rows already split into cells (a spreadsheet's first sheet, read at the hub);
 * `source` names the file kind in error paths (`xlsx[3].color`).
 */
export function importSectorRows(
  cells: readonly (readonly string[])[],
  current: readonly Sector[],
  source: 'csv' | 'xlsx',
): { ok: true; result: SectorImport } | { ok: false; errors: ConfigError[] } {
  const rows = cells.map((r) => r.map((x) => x.trim())).filter((r) => r.some((x) => x !== ''));
  const errors: ConfigError[] = [];
  const start = rows[0] && HEADER.test(rows[0][0] ?? '') ? 1 : 0;
  if (rows.length <= start) return { ok: false, errors: [{ path: source, message: 'в файле нет ни одного сектора (ожидаются строки «id; название; цвет»)' }] };
  const listed = new Map<string, { label: string; color: [number, number, number] | null }>();
  rows.slice(start).forEach((r, i) => {
    const line = `${source}[${start + i + 1}]`;
    const [id = '', label = '', colorText = ''] = r;
    if (!SECTOR_ID_RE.test(id))
      errors.push({ path: `${line}.id`, message: `«${id.slice(0, 40)}»: id сектора — латиница в нижнем регистре, цифры, _ и -, до 40 символов` });
    else if (listed.has(id)) errors.push({ path: `${line}.id`, message: `сектор «${id}» указан в файле дважды` });
    if (label === '' || label.length > 40) errors.push({ path: `${line}.name`, message: 'название сектора: от 1 до 40 символов' });
    const color = colorText === '' ? null : parseColor(colorText);
    if (colorText !== '' && !color) errors.push({ path: `${line}.color`, message: `«${colorText.slice(0, 20)}»: ожидается цвет #rrggbb или три числа 0–255` });
    if (r.length > 3 && r.slice(3).some((x) => x !== '')) errors.push({ path: line, message: 'лишние столбцы: ожидаются id, название и необязательный цвет' });
    listed.set(id, { label, color });
  });
  if (errors.length > 0) return { ok: false, errors };
  const sectors: Sector[] = [];
  const changed: SectorImport['changed'] = [];
  const kept: string[] = [];
  for (const s of current) {
    const l = listed.get(s.id);
    const after: Sector = l ? { id: s.id, label: l.label, color: l.color ?? [...s.color] } : s;
    if (l && (after.label !== s.label || after.color.join() !== s.color.join())) changed.push({ id: s.id, before: s, after });
    else kept.push(s.id);
    sectors.push(after);
  }
  const added: Sector[] = [];
  for (const [id, l] of listed) {
    if (current.some((s) => s.id === id)) continue;
    added.push({ id, label: l.label, color: l.color ?? nextSectorColor([...sectors, ...added]) });
  }
  // Unknown sectors are drawn as the last one (`sectorById`): the catch-all «Прочее» stays last.
  const at = sectors[sectors.length - 1]?.id === CATCH_ALL ? sectors.length - 1 : sectors.length;
  sectors.splice(at, 0, ...added);
  return { ok: true, result: { sectors, added, changed, kept } };
}
