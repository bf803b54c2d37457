import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, mskTime } from '../calendar/msk-time';
import type { Appeal } from '../domain/entity';
import { DEFAULT_SECTORS } from '../domain/sector';
import { DEFAULT_PANELS_CONFIG, PanelsConfigSchema } from './panels-config';
import { buildSectors, trendOf } from './sectors-panel';
import { makeAppeal } from '../../test/support/entities';

const NOW = mskTime(2026, 1, 20, 15);
let n = 0;
const appeal = (sector: string, createdAt: number): Appeal => makeAppeal({ id: `a${++n}`, sector, org: 'omsu', title: 'Обращение', createdAt });
const times = (k: number, from: number) => Array.from({ length: k }, (_, i) => from + i * 60_000);

describe('sectors panel', () => {
  const today = mskTime(2026, 1, 20, 8);
  const yesterday = mskTime(2026, 1, 19, 8);
  const appeals = [
    ...times(5, today).map((t) => appeal('housing', t)),
    ...times(2, yesterday).map((t) => appeal('housing', t)),
    ...times(10, NOW - DAY_MS + HOUR_MS).map((t) => appeal('housing', t)), // yesterday after 15:00: not the same period
    appeal('roads', today),
    ...times(4, yesterday).map((t) => appeal('roads', t)),
    appeal('pets', today), // not configured: counts as «Прочее»
    appeal('healthcare', NOW + 1), // after now
  ];
  const { rows, dayStart } = buildSectors(appeals, NOW, DEFAULT_PANELS_CONFIG);

  it('lists every configured sector in order, even those with nothing today', () => {
    expect(rows.map((r) => r.id)).toEqual(DEFAULT_SECTORS.map((s) => s.id));
    expect(rows.find((r) => r.id === 'healthcare')).toMatchObject({ label: 'Здравоохранение', today: 0, yesterday: 0, trend: 'flat' });
    expect(dayStart).toBe(mskTime(2026, 1, 20));
  });

  it('compares today with yesterday up to the same clock time, and flags moves beyond the threshold', () => {
    const pick = (id: string) => rows.find((r) => r.id === id)!;
    expect(pick('housing')).toMatchObject({ today: 5, yesterday: 2, trend: 'up' });
    expect(pick('roads')).toMatchObject({ today: 1, yesterday: 4, trend: 'down' });
    expect(pick('other')).toMatchObject({ today: 1, yesterday: 0, trend: 'flat' });
  });

  it('trend threshold: flat within max(2, 10 % of yesterday)', () => {
    const rule = DEFAULT_PANELS_CONFIG.sectorTrend;
    expect([trendOf(2, 0, rule), trendOf(3, 0, rule), trendOf(0, 3, rule)]).toEqual(['flat', 'up', 'down']);
    expect([trendOf(109, 100, rule), trendOf(111, 100, rule), trendOf(90, 100, rule), trendOf(89, 100, rule)]).toEqual(['flat', 'up', 'flat', 'down']);
  });

  it('follows a curator’s sector list', () => {
    const config = PanelsConfigSchema.parse({
      sectors: [
        { id: 'housing', label: 'ЖКХ', color: [1, 2, 3] },
        { id: 'rest', label: 'Остальное', color: [4, 5, 6] },
      ],
    });
    expect(buildSectors(appeals, NOW, config).rows.map((r) => [r.id, r.today])).toEqual([
      ['housing', 5],
      ['rest', 2],
    ]);
  });
});
