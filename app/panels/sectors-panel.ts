/**
 * The sectors panel: every configured sector with today's count and its trend against the
 * same stretch of yesterday (00:00 to the same clock time), so a morning is never compared
 * with a whole day. Sectors are configuration; an appeal of an unknown sector counts under
 * the last configured one (`other`), as the map legend does.
 */
import { DAY_MS, mskDay, mskDayStart } from '../calendar/msk-time';
import type { PanelAcc } from './panel-pass';
import { buildWith } from './panel-pass';
import type { EntitySource, PanelsConfig } from './panels-config';

/** Which way a count moves. */
export type Trend = 'up' | 'down' | 'flat';

/** One sector's row. */
export interface SectorRow {
  readonly id: string;
  readonly label: string;
  readonly color: readonly [number, number, number];
  /** Appeals created today (Moscow) up to `now`. */
  readonly today: number;
  /** Appeals created yesterday from 00:00 to the same clock time as `now`. */
  readonly yesterday: number;
  readonly trend: Trend;
}

/** The sectors panel. */
export interface SectorsState {
  /** One row per configured sector, in configuration order. */
  readonly rows: readonly SectorRow[];
  /** Start of today, Moscow midnight, Unix ms. */
  readonly dayStart: number;
}

/** `up`/`down` once |today − yesterday| exceeds max(`flatAbs`, `flatShare` × yesterday), else `flat`. */
export function trendOf(today: number, yesterday: number, rule: PanelsConfig['sectorTrend']): Trend {
  const delta = today - yesterday;
  if (Math.abs(delta) <= Math.max(rule.flatAbs, rule.flatShare * yesterday)) return 'flat';
  return delta > 0 ? 'up' : 'down';
}

/** The sectors accumulator for the shared pass. */
export function sectorsAcc(now: number, config: Pick<PanelsConfig, 'sectors' | 'sectorTrend'>): PanelAcc<SectorsState> {
  const dayStart = mskDayStart(mskDay(now));
  const yesterdayStart = dayStart - DAY_MS;
  const yesterdayEnd = now - DAY_MS;
  const index = new Map(config.sectors.map((s, i) => [s.id, i]));
  const fallback = config.sectors.length - 1;
  const today = new Array<number>(config.sectors.length).fill(0);
  const yesterday = new Array<number>(config.sectors.length).fill(0);
  return {
    appeal(a) {
      const t = a.createdAt;
      if (t >= dayStart && t <= now) today[index.get(a.sector) ?? fallback]!++;
      else if (t >= yesterdayStart && t <= yesterdayEnd) yesterday[index.get(a.sector) ?? fallback]!++;
    },
    accident() {},
    finish: () => ({
      dayStart,
      rows: config.sectors.map((s, i) => ({
        id: s.id,
        label: s.label,
        color: s.color,
        today: today[i]!,
        yesterday: yesterday[i]!,
        trend: trendOf(today[i]!, yesterday[i]!, config.sectorTrend),
      })),
    }),
  };
}

/** The sectors panel at `now`. */
export function buildSectors(entities: EntitySource, now: number, config: Pick<PanelsConfig, 'sectors' | 'sectorTrend' | 'sla'>): SectorsState {
  return buildWith(sectorsAcc(now, config), entities, now, config.sla);
}
