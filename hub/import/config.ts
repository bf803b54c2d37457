/**
 * The import configuration folder (`--import-config DIR`), every file optional:
 * - `pos.json`, `im.json`: mappings (table-mapping.ts); the hub stores one that differs from the
 *   configuration document `import-pos` / `import-im` as its next version at start, and writes
 *   each later version back here (`import-routes.ts`);
 * - `gis-zhkh-outages.json`: `{operatorByResource?, kinds?, reasons?, defaultDurationH?}` over the defaults;
 * - `houses.csv`: the house register the outage import needs (the export names houses only by
 *   FIAS GUID): `FiasHouseGUID;Адрес;ОКТМО;Долгота;Широта;Жителей;Соцобъект;Поставщик`
 *   (`;` or `,`, header names as here; Жителей, Соцобъект («да»), Поставщик optional).
 * A bad file refuses the configuration with the file and the reason (the hub exits 2).
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ACCIDENT_NATURES, ACCIDENT_RESOURCES } from '../../app/domain/entity';
import { normalizeOktmo } from '../../app/domain/municipality';
import { DEFAULT_GIS_ZHKH_CONFIG, type GisZhkhConfig, type House } from './gis-zhkh-outages';
import { readCsv } from './read';
import { DEFAULT_IMPORT_CONFIG, type ImportConfig } from './run-import';
import { parseTableMapping } from './table-mapping';
import { normLabel, parseNumber, text } from './values';

const GisFileSchema = z.strictObject({
  operatorByResource: z.partialRecord(z.enum(ACCIDENT_RESOURCES), z.string().min(1).max(200)).optional(),
  kinds: z.record(z.string().min(1), z.enum(ACCIDENT_NATURES)).optional(),
  reasons: z.record(z.string().min(1), z.string().max(200)).optional(),
  defaultDurationH: z
    .number()
    .min(1)
    .max(24 * 30)
    .optional(),
});

const HOUSE_COLUMNS: Record<string, keyof House | 'guid'> = {
  fiashouseguid: 'guid',
  houseguid: 'guid',
  адрес: 'address',
  октмо: 'municipality',
  долгота: 'lon',
  широта: 'lat',
  жителей: 'residents',
  соцобъект: 'social',
  поставщик: 'operator',
};

/** The house register from a CSV stream; errors name the row. */
export async function readHouseRegister(input: NodeJS.ReadableStream & AsyncIterable<unknown>): Promise<{ houses: Map<string, House>; errors: string[] }> {
  const houses = new Map<string, House>();
  const errors: string[] = [];
  let header = true;
  for await (const item of readCsv(input as never)) {
    if ('error' in item) {
      errors.push(`row ${item.row}: ${item.error.reason}`);
      if (item.fatal) break;
      continue;
    }
    if (header) {
      header = false;
      const known = new Set(Object.keys(item.values).map((h) => HOUSE_COLUMNS[normLabel(h)]));
      for (const need of ['guid', 'address', 'municipality', 'lon', 'lat'] as const) if (!known.has(need)) errors.push(`row 1: no column for ${need}`);
      if (errors.length) break;
      continue;
    }
    const h: Record<string, string> = {};
    for (const [k, v] of Object.entries(item.values)) {
      const f = HOUSE_COLUMNS[normLabel(k)];
      if (f && !h[f]) h[f] = text(v);
    }
    const lon = parseNumber(h.lon);
    const lat = parseNumber(h.lat);
    const oktmo = normalizeOktmo(h.municipality ?? '');
    if (!h.guid || lon === undefined || lat === undefined || !oktmo || !h.address) {
      errors.push(`row ${item.row}: a house needs a GUID, an address, an OKTMO of Chuvashia and a point`);
      continue;
    }
    const residents = parseNumber(h.residents);
    houses.set(h.guid.toLowerCase(), {
      address: h.address,
      municipality: oktmo,
      lon,
      lat,
      ...(residents !== undefined && residents >= 0 && { residents: Math.round(residents) }),
      ...(/^(да|1|true|yes)$/i.test(h.social ?? '') && { social: true }),
      ...(h.operator && { operator: h.operator }),
    });
  }
  return { houses, errors };
}

/** The configuration of a folder over the defaults; throws with the file and the reason. */
export async function loadImportConfig(dir: string): Promise<ImportConfig> {
  const json = (name: string): unknown => {
    const file = path.join(dir, name);
    if (!existsSync(file)) return undefined;
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`${file}: ${(e as Error).message}`);
    }
  };
  const mapping = (name: string) => {
    const raw = json(name);
    if (raw === undefined) return undefined;
    try {
      return parseTableMapping(raw);
    } catch (e) {
      throw new Error(`${path.join(dir, name)}: ${(e as Error).message}`);
    }
  };
  const pos = mapping('pos.json') ?? DEFAULT_IMPORT_CONFIG.pos;
  const im = mapping('im.json') ?? DEFAULT_IMPORT_CONFIG.im;
  if (pos.format !== 'pos') throw new Error(`${path.join(dir, 'pos.json')}: format must be "pos"`);
  if (im.format !== 'im') throw new Error(`${path.join(dir, 'im.json')}: format must be "im"`);
  const gisRaw = json('gis-zhkh-outages.json');
  const parsed = GisFileSchema.safeParse(gisRaw ?? {});
  if (!parsed.success)
    throw new Error(
      `${path.join(dir, 'gis-zhkh-outages.json')}: ${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  const g = parsed.data;
  let houses = DEFAULT_GIS_ZHKH_CONFIG.houses;
  const housesFile = path.join(dir, 'houses.csv');
  if (existsSync(housesFile)) {
    const r = await readHouseRegister(createReadStream(housesFile));
    if (r.errors.length) throw new Error(`${housesFile}: ${r.errors.slice(0, 3).join('; ')}${r.errors.length > 3 ? ` (+${r.errors.length - 3} more)` : ''}`);
    houses = r.houses;
  }
  const gis: GisZhkhConfig = {
    houses,
    operatorByResource: { ...DEFAULT_GIS_ZHKH_CONFIG.operatorByResource, ...g.operatorByResource },
    kinds: { ...DEFAULT_GIS_ZHKH_CONFIG.kinds, ...g.kinds },
    reasons: { ...DEFAULT_GIS_ZHKH_CONFIG.reasons, ...g.reasons },
    defaultDurationH: g.defaultDurationH ?? DEFAULT_GIS_ZHKH_CONFIG.defaultDurationH,
  };
  return { pos, im, gis };
}
