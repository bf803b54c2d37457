/**
 * Spreadsheet exports (ПОС, ИМ) → appeals, driven by a mapping document rather than code:
 * which column holds which field, value maps for statuses, categories, ratings and
 * importance, the date formats and the source's UTC offset. The real column names of these
 * consoles are not public (INTEGRATIONS.md), so the defaults (`pos.ts`, `im.ts`) are our
 * documented assumption (docs/integrations/) and a curator can change the document without
 * touching code. `mapTableRow` is pure: one row in, an appeal (not yet validated by the hub)
 * or the row's errors out.
 */
import { TableMappingSchema, type TableField, type TableMapping } from '../../app/config/import-mappings';
import { defaultOrgDirectory, type OrgDirectory } from '../../app/domain/organisations';
import { DEFAULT_SECTORS, sectorById } from '../../app/domain/sector';
import { defaultTopicList, type TopicList } from '../../app/domain/topics';
import { reason, type MapResult, type Row, type RowError } from './types';
import { mapValue, normLabel, parseDate, parseNumber, resolveMunicipality, text } from './values';

export { TABLE_FIELDS, TableMappingSchema, type TableField, type TableMapping, type TableMappingInput } from '../../app/config/import-mappings';

/** A mapping document checked; throws with the path and reason of every mistake. */
export function parseTableMapping(raw: unknown): TableMapping {
  const r = TableMappingSchema.safeParse(raw);
  if (!r.success)
    throw new Error(
      `mapping: ${r.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ')}`,
    );
  return r.data;
}

/** Fields a row must have (a column for each, and a value unless a default exists). */
const REQUIRED: readonly TableField[] = ['id', 'createdAt', 'municipality', 'org'];

interface Columns {
  /** field → the header that feeds it, as the mapping spells it. */
  byField: Map<TableField, string>;
  /** normalised header → field */
  byHeader: Map<string, TableField>;
}
const columnsCache = new WeakMap<TableMapping, Columns>();
function columnsOf(m: TableMapping): Columns {
  let c = columnsCache.get(m);
  if (!c) {
    c = { byField: new Map(), byHeader: new Map() };
    for (const [header, field] of Object.entries(m.columns)) {
      if (!c.byField.has(field)) c.byField.set(field, header);
      c.byHeader.set(normLabel(header), field);
    }
    columnsCache.set(m, c);
  }
  return c;
}

/**
 * The file's header row against the mapping: errors (row 1) for each required field whose
 * column is missing; a file with any is refused as a whole.
 */
export function checkHeader(headers: readonly string[], m: TableMapping): RowError[] {
  const present = new Set(headers.map((h) => columnsOf(m).byHeader.get(normLabel(h))).filter(Boolean));
  const errors: RowError[] = [];
  for (const f of REQUIRED) {
    if (!present.has(f))
      errors.push({
        row: 1,
        field: columnsOf(m).byField.get(f) ?? f,
        reason: reason('missing-column', `no column for ${f} (the mapping names «${columnsOf(m).byField.get(f) ?? '—'}»)`),
      });
  }
  if (!present.has('status') && !m.defaults.status)
    errors.push({ row: 1, field: columnsOf(m).byField.get('status') ?? 'status', reason: reason('missing-column', 'no status column and no default status') });
  if (!present.has('sector') && !present.has('topic') && !m.defaults.sector)
    errors.push({ row: 1, field: 'sector', reason: reason('missing-column', 'no sector or topic column and no default sector') });
  return errors;
}

const fieldOfHeader = new WeakMap<TableMapping, Map<string, TableField | undefined>>();

/** A row keyed by field rather than header. */
function byField(row: Row, m: TableMapping): Map<TableField, Row[string]> {
  const out = new Map<TableField, Row[string]>();
  const { byHeader } = columnsOf(m);
  // Every row has the file's same headers: each is normalised once (not 15 × 100,000 times).
  let fields = fieldOfHeader.get(m);
  if (!fields) fieldOfHeader.set(m, (fields = new Map()));
  for (const [h, v] of Object.entries(row)) {
    let f = fields.get(h);
    if (f === undefined && !fields.has(h)) {
      f = byHeader.get(normLabel(h));
      if (fields.size < 1000) fields.set(h, f);
    }
    if (f && !out.has(f)) out.set(f, v);
  }
  return out;
}

const SOURCE_ID = /^[A-Za-z0-9_.-]{1,40}$/;
const SECTOR_IDS = new Set(DEFAULT_SECTORS.map((s) => s.id));
const SECTOR_LABELS = Object.fromEntries(DEFAULT_SECTORS.map((s) => [s.label, s.id]));

export interface TableContext {
  topics?: TopicList;
  orgs?: OrgDirectory;
  /** Sector ids the hub accepts (default: the built-in ones). */
  sectorIds?: ReadonlySet<string>;
}

/**
 * One row → one appeal. The entity id is `<format>:<source id>` (ИМ: `im:<incident>:<post>`
 * when the post is grouped into an incident, so the grouping stays in the id); `version` is
 * the source version in ms: the row's «updated» time when mapped, else its latest time.
 */
export function mapTableRow(row: Row, rowNo: number, m: TableMapping, ctx: TableContext = {}): MapResult {
  const v = byField(row, m);
  const cols = columnsOf(m).byField;
  const col = (f: TableField) => cols.get(f) ?? f;
  const errors: RowError[] = [];
  const err = (f: TableField, code: string, detail: string) => void errors.push({ row: rowNo, field: col(f), reason: reason(code, detail) });
  const str = (f: TableField) => text(v.get(f));
  const date = (f: TableField, required = false): number | undefined => {
    const raw = v.get(f);
    if (text(raw) === '') {
      if (required) err(f, 'missing', 'empty');
      return undefined;
    }
    const t = parseDate(raw, m.dateFormats, m.utcOffsetMinutes);
    if (t === undefined) err(f, 'bad-date', `«${text(raw).slice(0, 40)}» is not a date (formats: ${m.dateFormats.join(', ')})`);
    return t;
  };

  // Identity.
  const sourceId = str('id');
  if (!sourceId) err('id', 'missing', 'empty');
  else if (!SOURCE_ID.test(sourceId)) err('id', 'bad-id', `«${sourceId.slice(0, 40)}»: 1–40 latin letters, digits, _ . - expected`);
  const incident = str('incident');
  if (incident && !SOURCE_ID.test(incident)) err('incident', 'bad-id', `«${incident.slice(0, 40)}»: 1–40 latin letters, digits, _ . - expected`);

  // Times.
  const createdAt = date('createdAt', true);
  const updatedAt = date('updatedAt');
  const dueAt = date('dueAt');
  const answeredAt = date('answeredAt');

  // Place.
  const munText = str('municipality');
  const mun = munText ? resolveMunicipality(munText) : undefined;
  if (!munText) err('municipality', 'missing', 'empty');
  else if (!mun) err('municipality', 'unknown-municipality', `«${munText.slice(0, 60)}» is neither an OKTMO code nor a name of a municipality of Chuvashia`);
  let lon = mun?.centre[0];
  let lat = mun?.centre[1];
  const hasLat = str('lat') !== '';
  const hasLon = str('lon') !== '';
  if (hasLat || hasLon) {
    const la = parseNumber(v.get('lat'));
    const lo = parseNumber(v.get('lon'));
    if (la === undefined || la < -90 || la > 90) err('lat', 'bad-number', `«${str('lat').slice(0, 20)}» is not a latitude`);
    else if (lo === undefined || lo < -180 || lo > 180) err('lon', 'bad-number', `«${str('lon').slice(0, 20)}» is not a longitude`);
    else [lon, lat] = [lo, la];
  }

  // Classification.
  const topics = ctx.topics ?? defaultTopicList();
  const topicText = str('topic');
  const topic = topics.find(topicText ? (mapValue(m.values.topic, topicText) ?? topicText) : undefined);
  const sectorText = str('sector');
  let sector: string | undefined;
  if (sectorText) {
    sector = mapValue(m.values.sector, sectorText) ?? (SECTOR_IDS.has(sectorText) ? sectorText : mapValue(SECTOR_LABELS, sectorText));
    if (!sector) err('sector', 'unknown-value', `category «${sectorText.slice(0, 60)}» is not in the mapping's sector map`);
  } else sector = topic?.sector ?? m.defaults.sector;
  if (!sector && !sectorText) err('sector', 'missing', 'no category, no known topic and no default sector');
  if (sector && ctx.sectorIds && !ctx.sectorIds.has(sector)) err('sector', 'unknown-value', `sector «${sector}» is not configured`);

  const statusText = str('status');
  const status = statusText ? mapValue(m.values.status, statusText) : m.defaults.status;
  if (statusText && !status) err('status', 'unknown-value', `status «${statusText.slice(0, 60)}» is not in the mapping's status map`);
  else if (!status) err('status', 'missing', 'empty and no default status');

  const satText = str('satisfaction');
  const sat = satText ? mapValue(m.values.satisfaction, satText) : undefined;
  if (satText && !sat) err('satisfaction', 'unknown-value', `rating «${satText.slice(0, 60)}» is not in the mapping's satisfaction map`);
  const impText = str('importance');
  const importance = impText ? mapValue(m.values.importance, impText) : m.defaults.importance;
  if (impText && !importance) err('importance', 'unknown-value', `importance «${impText.slice(0, 60)}» is not in the mapping's importance map`);

  const orgText = str('org');
  const org = orgText ? (ctx.orgs ?? defaultOrgDirectory()).resolve(orgText) : undefined;
  if (!orgText) err('org', 'missing', 'empty');
  else if (!org) err('org', 'unknown-org', `«${orgText.slice(0, 80)}» is neither an id nor a name in the organisation directory`);

  if (errors.length) return { ok: false, errors };

  const id = m.format === 'im' && incident ? `im:${incident}:${sourceId}` : `${m.format}:${sourceId}`;
  const title = topic?.label ?? (str('title') || sectorById(sector!).label);
  const applicant = str('applicant');
  const address = str('address');
  const entity: Record<string, unknown> = {
    kind: 'appeal',
    id,
    version: updatedAt ?? Math.max(createdAt!, answeredAt ?? 0),
    municipality: mun!.oktmo,
    lon,
    lat,
    channel: m.channel,
    sector,
    ...(topic ? { topic: topic.id } : topicText ? { topic: topicText.slice(0, 200) } : {}),
    org,
    importance,
    status,
    title: title.slice(0, 200),
    text: str('text').slice(0, 2000),
    createdAt,
    ...(dueAt !== undefined && { dueAt }),
    ...(answeredAt !== undefined && { answeredAt }),
    ...(sat && sat !== 'none' && { satisfaction: sat }),
    ...(applicant && { applicant: applicant.slice(0, 200) }),
    ...(address && { address: address.slice(0, 200) }),
  };
  return { ok: true, value: { upserts: [entity], removes: [], notes: [] } };
}
