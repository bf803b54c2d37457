/**
 * ГИС ЖКХ outage export (schema `outage-report`, namespace
 * http://dom.gosuslugi.ru/schema/integration/outage-report/, version 13.2.2.0) → accidents.
 * One `OutageReport` element (ExportOutageReportType: `OutageReportData` + one or more
 * `OutageReportObjects`) is one record; `read.ts` cuts the stream into records and parses each
 * with fast-xml-parser (namespace prefixes removed, values kept as text).
 *
 * What the schema gives (ExportOutageReportDataType): OutageReportGUID; OutageKind (nsiRef of
 * НСИ 361, planned / emergency); OutageType PAUSE | LIMITATION | SUSPENSION; ServiceCodes
 * (1 cold water, 2 hot water, 3 sewerage, 4 electricity, 5 gas, 6 heating, 7 solid waste);
 * StartDate, EndDate (optional); OutageReason (nsiRef of НСИ 360) and OutageReasonText;
 * AdditionalInfo; Status PUBLISHED | CANCELLED; PublishedDate, CancelledDate, CancelledReason.
 * The objects are houses by FiasHouseGUID/HouseGUID (or premises): no address, no
 * coordinates, no municipality, no operator and no residents. So a house register (FIAS
 * GUID → address, OKTMO, point, residents) must be configured; the operator comes from the
 * register or the configuration. Mapping and assumptions: docs/integrations/gis-zhkh-outages.md.
 */
import type { AccidentNature, AccidentResource } from '../../app/domain/entity';
import { defaultOrgDirectory } from '../../app/domain/organisations';
import { reason, type MapResult, type RowError } from './types';
import { normLabel, parseDate } from './values';

/** A house of the register. */
export interface House {
  address: string;
  /** OKTMO (2025 or 2023 code). */
  municipality: string;
  lon: number;
  lat: number;
  /** Residents registered in the house; absent: unknown (counted as 0). */
  residents?: number;
  /** A school, kindergarten, hospital… (counted in `socialObjects`). */
  social?: boolean;
  /** Organisation id or name of the supplier serving this house. */
  operator?: string;
}

export interface GisZhkhConfig {
  /** Houses by FIAS house GUID or ГИС ЖКХ HouseGUID (lower case). */
  houses: ReadonlyMap<string, House>;
  /** Operator per resource when the house names none (organisation id or name). */
  operatorByResource: Partial<Record<AccidentResource, string>>;
  /** НСИ 361 value (code or name) → nature. */
  kinds: Readonly<Record<string, AccidentNature>>;
  /** НСИ 360 code → reason text (used when the record has no OutageReasonText and no name). */
  reasons: Readonly<Record<string, string>>;
  /** Planned restoration assumed when EndDate is absent, hours after StartDate. */
  defaultDurationH: number;
}

/** Service codes of the schema → our resources; 7 (solid waste) has none on the wall. */
export const SERVICE_RESOURCES: Readonly<Record<string, AccidentResource | null>> = {
  '1': 'cold_water',
  '2': 'hot_water',
  '3': 'sewerage',
  '4': 'electricity',
  '5': 'gas',
  '6': 'heat',
  '7': null,
};
export const OUTAGE_TYPES = { PAUSE: 'Перерыв', LIMITATION: 'Ограничение', SUSPENSION: 'Приостановление' } as const;

export const DEFAULT_GIS_ZHKH_CONFIG: GisZhkhConfig = {
  houses: new Map(),
  operatorByResource: {
    heat: 'op-tplus',
    hot_water: 'op-tplus',
    cold_water: 'op-vodokanal',
    sewerage: 'op-vodokanal',
    electricity: 'op-rosseti-volga',
    gas: 'op-gazprom-gr',
  },
  // Assumed codes of НСИ 361 (not public): 1 planned, 2 emergency; names are matched too.
  kinds: {
    '1': 'planned',
    '2': 'emergency',
    Плановый: 'planned',
    Плановое: 'planned',
    Аварийный: 'emergency',
    Аварийное: 'emergency',
    Внеплановый: 'emergency',
  },
  reasons: { '1': 'Плановые работы', '2': 'Ремонтные работы', '3': 'Иная причина' },
  defaultDurationH: 24,
};

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const ISO_FORMATS: readonly string[] = ['YYYY-MM-DDTHH:mm:ss', 'YYYY-MM-DDTHH:mm', 'YYYY-MM-DD'];

type Node = Record<string, unknown>;
const obj = (v: unknown): Node | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Node) : undefined);
const list = (v: unknown): unknown[] => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);
const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '');
/** xs:dateTime: with an offset as given; without one, Moscow time (assumed). */
const xsDate = (v: string): number | undefined => parseDate(v.replace(/\.\d+(?=(Z|[+-]\d{2}:\d{2})?$)/, ''), ISO_FORMATS);

/** The FIAS / house GUIDs anywhere in one `OutageReportObjects` entry. */
function houseGuids(entry: unknown, out: string[] = []): string[] {
  const o = obj(entry);
  if (!o) return out;
  for (const [k, v] of Object.entries(o)) {
    if (k === 'FiasHouseGUID' || k === 'HouseGUID') {
      const g = str(v).toLowerCase();
      if (g) out.push(g);
    } else if (typeof v === 'object') for (const x of list(v)) houseGuids(x, out);
  }
  return out;
}

/**
 * One `OutageReport` record → one accident per resource (`gis:<OutageReportGUID>:<resource>`),
 * or, for a CANCELLED one, removals of those ids. `now` decides active or resolved (EndDate
 * passed) and refuses outages that have not started yet (the hub refuses future start times).
 */
export function mapOutageReport(record: unknown, recNo: number, cfg: GisZhkhConfig, now: number): MapResult {
  const errors: RowError[] = [];
  const err = (field: string, code: string, detail: string) => void errors.push({ row: recNo, field, reason: reason(code, detail) });
  const rec = obj(record);
  const data = obj(rec?.OutageReportData);
  if (!data) return { ok: false, errors: [{ row: recNo, field: 'OutageReportData', reason: reason('missing', 'no OutageReportData element') }] };

  const guid = str(data.OutageReportGUID);
  if (!guid) err('OutageReportGUID', 'missing', 'empty');
  else if (!GUID.test(guid)) err('OutageReportGUID', 'bad-id', `«${guid.slice(0, 40)}» is not a GUID`);

  const status = str(data.Status);
  if (status !== 'PUBLISHED' && status !== 'CANCELLED')
    err('Status', status ? 'unknown-value' : 'missing', status ? `«${status.slice(0, 20)}»: PUBLISHED or CANCELLED expected` : 'empty');

  const kindRef = obj(data.OutageKind);
  const kindKey = [str(kindRef?.Name), str(kindRef?.Code), str(data.OutageKind)].find(
    (k) => k && Object.keys(cfg.kinds).some((c) => normLabel(c) === normLabel(k)),
  );
  const nature = kindKey ? Object.entries(cfg.kinds).find(([c]) => normLabel(c) === normLabel(kindKey))![1] : undefined;
  if (!nature) err('OutageKind', 'unknown-value', `НСИ 361 value «${str(kindRef?.Code) || str(kindRef?.Name) || '—'}» is not in the configured kinds`);

  const type = str(data.OutageType) as keyof typeof OUTAGE_TYPES;
  if (!(type in OUTAGE_TYPES))
    err('OutageType', type ? 'unknown-value' : 'missing', type ? `«${type.slice(0, 20)}»: PAUSE, LIMITATION or SUSPENSION expected` : 'empty');

  const codes = list(obj(data.ServiceCodes)?.ServiceCode).map(str);
  const notes: RowError[] = [];
  const resources: AccidentResource[] = [];
  for (const c of codes) {
    if (!(c in SERVICE_RESOURCES)) err('ServiceCode', 'unknown-value', `«${c.slice(0, 10)}»: a code 1–7 expected`);
    else if (SERVICE_RESOURCES[c] === null)
      notes.push({ row: recNo, field: 'ServiceCode', reason: reason('no-resource', `code ${c} (solid waste) has no resource on the wall: not imported`) });
    else if (!resources.includes(SERVICE_RESOURCES[c]!)) resources.push(SERVICE_RESOURCES[c]!);
  }
  if (codes.length === 0) err('ServiceCodes', 'missing', 'no ServiceCode');

  const startText = str(data.StartDate);
  const start = startText ? xsDate(startText) : undefined;
  if (!startText) err('StartDate', 'missing', 'empty');
  else if (start === undefined) err('StartDate', 'bad-date', `«${startText.slice(0, 40)}» is not an xs:dateTime`);
  const endText = str(data.EndDate);
  const end = endText ? xsDate(endText) : undefined;
  if (endText && end === undefined) err('EndDate', 'bad-date', `«${endText.slice(0, 40)}» is not an xs:dateTime`);
  if (start !== undefined && end !== undefined && end < start) err('EndDate', 'inconsistent-times', `EndDate ${endText} is before StartDate ${startText}`);
  const publishedText = str(data.PublishedDate);
  const published = publishedText ? xsDate(publishedText) : undefined;
  if (publishedText && published === undefined) err('PublishedDate', 'bad-date', `«${publishedText.slice(0, 40)}» is not an xs:dateTime`);
  const cancelled = str(data.CancelledDate) ? xsDate(str(data.CancelledDate)) : undefined;

  if (errors.length) return { ok: false, errors };
  const idOf = (r: AccidentResource) => `gis:${guid.toLowerCase()}:${r}`;
  if (status === 'CANCELLED') return { ok: true, value: { upserts: [], removes: resources.map((r) => ({ kind: 'accident' as const, id: idOf(r) })), notes } };
  if (resources.length === 0) return { ok: false, errors: notes };
  if (start! > now + 5 * 60_000)
    return {
      ok: false,
      errors: [{ row: recNo, field: 'StartDate', reason: reason('not-started', `starts ${startText}: imported by an export made after it starts`) }],
    };

  // Houses → place, address, residents.
  const guids = list(rec!.OutageReportObjects).flatMap((e) => houseGuids(e));
  const known = [...new Set(guids)].map((g) => cfg.houses.get(g)).filter((h): h is House => h !== undefined);
  if (guids.length === 0) return { ok: false, errors: [{ row: recNo, field: 'OutageReportObjects', reason: reason('missing', 'no house') }] };
  if (known.length === 0)
    return {
      ok: false,
      errors: [
        {
          row: recNo,
          field: 'FiasHouseGUID',
          reason: reason('unknown-house', `none of ${guids.length} house(s) is in the house register (first: ${guids[0]})`),
        },
      ],
    };
  if (known.length < new Set(guids).size)
    notes.push({
      row: recNo,
      field: 'FiasHouseGUID',
      reason: reason('unknown-house', `${new Set(guids).size - known.length} of ${new Set(guids).size} houses are not in the register: not counted`),
    });
  const counts = new Map<string, number>();
  for (const h of known) counts.set(h.municipality, (counts.get(h.municipality) ?? 0) + 1);
  const municipality = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
  const first = known.find((h) => h.municipality === municipality)!;
  const residents = known.reduce((s, h) => s + (h.residents ?? 0), 0);
  const socialObjects = known.filter((h) => h.social).length;
  const address = known.length > 1 ? `${first.address} (и ещё ${known.length - 1} д.)` : first.address;

  const reasonRef = obj(data.OutageReason);
  const cause = [OUTAGE_TYPES[type], str(data.OutageReasonText) || str(reasonRef?.Name) || cfg.reasons[str(reasonRef?.Code)] || ''].filter(Boolean).join(': ');
  const plannedRestoreAt = end ?? start! + cfg.defaultDurationH * 3_600_000;
  const resolved = end !== undefined && end <= now;
  const version = Math.max(published ?? 0, cancelled ?? 0, start!);
  const dir = defaultOrgDirectory();
  const upserts: Record<string, unknown>[] = [];
  for (const r of resources) {
    const operator = first.operator ?? cfg.operatorByResource[r];
    if (!operator || !dir.resolve(operator)) {
      notes.push({
        row: recNo,
        field: 'ServiceCode',
        reason: reason('unknown-org', `no operator of the directory for ${r} (set it in the house register or operatorByResource)`),
      });
      continue;
    }
    upserts.push({
      kind: 'accident',
      id: idOf(r),
      version,
      municipality,
      lon: first.lon,
      lat: first.lat,
      resource: r,
      nature,
      status: resolved ? 'resolved' : 'active',
      address: address.slice(0, 200),
      operator: dir.resolve(operator),
      ...(cause && { cause: cause.slice(0, 200) }),
      residents,
      buildings: known.length,
      socialObjects,
      startedAt: start,
      plannedRestoreAt,
      ...(resolved && { restoredAt: end }),
    });
  }
  if (upserts.length === 0) return { ok: false, errors: notes };
  return { ok: true, value: { upserts, removes: [], notes } };
}
