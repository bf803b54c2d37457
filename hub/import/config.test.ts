/**
 * The import configuration folder (`--import-config`): defaults, mapping documents, the house
 * register, and a refusal naming the file for each kind of mistake; the CLI flags.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHubArgs } from '../cli-options';
import { loadImportConfig } from './config';
import { DEFAULT_POS_MAPPING } from './pos';
import { DEFAULT_IMPORT_CONFIG } from './run-import';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function folder(files: Record<string, string>): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'cur-import-config-'));
  dirs.push(d);
  for (const [n, t] of Object.entries(files)) writeFileSync(path.join(d, n), t);
  return d;
}

describe('import configuration folder', () => {
  it('is the defaults when empty', async () => {
    expect(await loadImportConfig(folder({}))).toEqual(DEFAULT_IMPORT_CONFIG);
  });

  it('reads mapping documents, outage settings over the defaults, and the house register', async () => {
    const pos = { ...DEFAULT_POS_MAPPING, version: 3, columns: { ...DEFAULT_POS_MAPPING.columns, Исполнитель: 'org' } };
    const cfg = await loadImportConfig(
      folder({
        'pos.json': JSON.stringify(pos),
        'gis-zhkh-outages.json': JSON.stringify({
          kinds: { '7': 'planned' },
          defaultDurationH: 12,
          operatorByResource: { gas: 'Газпром газораспределение Чебоксары' },
        }),
        'houses.csv':
          'FiasHouseGUID;Адрес;ОКТМО;Долгота;Широта;Жителей;Соцобъект;Поставщик\r\nAAAA-1;г. Чебоксары, ул. Мира, д. 1;97701000;47,25;56,13;120;;\r\nbbbb-2;Школа;97701000;47.26;56.14;;да;Водоканал\r\n',
      }),
    );
    expect(cfg.pos).toMatchObject({ version: 3, columns: { Исполнитель: 'org' } });
    expect(cfg.gis).toMatchObject({
      defaultDurationH: 12,
      kinds: { '7': 'planned', '1': 'planned', '2': 'emergency' },
      operatorByResource: { gas: 'Газпром газораспределение Чебоксары', heat: 'op-tplus' },
    });
    expect([...cfg.gis.houses]).toEqual([
      ['aaaa-1', { address: 'г. Чебоксары, ул. Мира, д. 1', municipality: '97701000', lon: 47.25, lat: 56.13, residents: 120 }],
      ['bbbb-2', { address: 'Школа', municipality: '97701000', lon: 47.26, lat: 56.14, social: true, operator: 'Водоканал' }],
    ]);
  });

  it('refuses a bad file, naming it and the mistake', async () => {
    await expect(loadImportConfig(folder({ 'pos.json': '{' }))).rejects.toThrow(/pos\.json/);
    await expect(loadImportConfig(folder({ 'pos.json': JSON.stringify({ ...DEFAULT_POS_MAPPING, dateFormats: [] }) }))).rejects.toThrow(
      /pos\.json.*dateFormats/,
    );
    await expect(loadImportConfig(folder({ 'pos.json': JSON.stringify({ ...DEFAULT_POS_MAPPING, format: 'im' }) }))).rejects.toThrow(/format must be "pos"/);
    await expect(loadImportConfig(folder({ 'gis-zhkh-outages.json': JSON.stringify({ kinds: { '1': 'sometimes' } }) }))).rejects.toThrow(
      /gis-zhkh-outages\.json: kinds\.1/,
    );
    await expect(loadImportConfig(folder({ 'houses.csv': 'FiasHouseGUID;Адрес\r\nx;y\r\n' }))).rejects.toThrow(
      /houses\.csv: row 1: no column for municipality/,
    );
    await expect(loadImportConfig(folder({ 'houses.csv': 'FiasHouseGUID;Адрес;ОКТМО;Долгота;Широта\r\nx;y;45000000;1;2\r\n' }))).rejects.toThrow(
      /houses\.csv: row 2/,
    );
  });

  it('the hub takes --inbox DIR and --import-config DIR', () => {
    expect(parseHubArgs(['--inbox', '/srv/inbox', '--import-config=/etc/cur'])).toMatchObject({ inbox: '/srv/inbox', importConfig: '/etc/cur' });
    expect(parseHubArgs([])).toMatchObject({ inbox: null, importConfig: null });
    expect(() => parseHubArgs(['--inbox'])).toThrow(/--inbox: missing value/);
  });
});
