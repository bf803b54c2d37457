import { describe, expect, it } from 'vitest';
import { DEFAULT_SECTORS } from '../domain/sector';
import { validateConfigBody } from './documents';
import { importSectorsCsv, parseColor, parseCsv } from './sector-import';
import { SECTOR_PALETTE } from './reference-schemas';

describe('sector import from «BI: ЦУР РФ» (CSV)', () => {
  it('reads `;` and `,` files, quotes, a header line and a BOM', () => {
    expect(parseCsv('\uFEFFid;название;цвет\r\nparks;"Парки; скверы";#112233\n')).toEqual([
      ['id', 'название', 'цвет'],
      ['parks', 'Парки; скверы', '#112233'],
    ]);
    expect(parseCsv('parks,"Парки ""Центр""",\n\n')).toEqual([['parks', 'Парки "Центр"', '']]);
  });

  it('reads colours as #rrggbb or three numbers', () => {
    expect(parseColor('#E69F00')).toEqual([230, 159, 0]);
    expect(parseColor('230 159 0')).toEqual([230, 159, 0]);
    expect(parseColor('[1,2,3]')).toEqual([1, 2, 3]);
    expect(parseColor('300 1 1')).toBeNull();
    expect(parseColor('red')).toBeNull();
  });

  it('adds new sectors before the catch-all, renames listed ones, keeps the rest; colours from the palette when absent', () => {
    const csv = 'id;name;color\nparks;Парки и скверы;\nroads;Дороги и мосты;\nculture;Культура;#aa3377\n';
    const r = importSectorsCsv(csv, DEFAULT_SECTORS);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const { added, changed, kept, sectors } = r.result;
    expect(added.map((s) => s.id)).toEqual(['parks', 'culture']);
    expect(added[1]!.color).toEqual([170, 51, 119]);
    // The first palette colour no current sector has.
    expect(added[0]!.color).toEqual([...SECTOR_PALETTE[DEFAULT_SECTORS.length]!]);
    expect(changed).toEqual([{ id: 'roads', before: DEFAULT_SECTORS[1], after: { id: 'roads', label: 'Дороги и мосты', color: [86, 180, 233] } }]);
    expect(kept).toHaveLength(DEFAULT_SECTORS.length - 1);
    expect(sectors.map((s) => s.id).slice(-3)).toEqual(['parks', 'culture', 'other']);
    expect(validateConfigBody('sectors', sectors).ok).toBe(true);
  });

  it('refuses the whole file with the line of each error, in Russian', () => {
    const r = importSectorsCsv('id,name,color\nParks,Парки,\nzoo,,#12\nzoo,Зоопарк,\n', DEFAULT_SECTORS);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'csv[2].id: «Parks»: id сектора — латиница в нижнем регистре, цифры, _ и -, до 40 символов',
      'csv[3].name: название сектора: от 1 до 40 символов',
      'csv[3].color: «#12»: ожидается цвет #rrggbb или три числа 0–255',
      'csv[4].id: сектор «zoo» указан в файле дважды',
    ]);
    const empty = importSectorsCsv('id;name\n', DEFAULT_SECTORS);
    expect(empty.ok ? [] : empty.errors[0]!.message).toMatch(/нет ни одного сектора/);
  });
});
