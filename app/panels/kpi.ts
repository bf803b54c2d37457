/**
 * The KPI header: the handful of figures the duty shift reads first (issue 5 «Panels»):
 * today's inflow, open, at risk, overdue, active accidents, residents without supply.
 * «Today» is the Moscow calendar day of `now`.
 */
import { isPlanned } from '../accidents/supply-time';
import { residentsOnce } from '../accidents/residents';
import type { Accident } from '../domain/entity';
import { mskDay, mskDayStart } from '../calendar/msk-time';
import type { PanelAcc } from './panel-pass';
import { buildWith } from './panel-pass';
import type { EntitySource, PanelsConfig } from './panels-config';

/** The KPI header's figures at `now`. */
export interface KpiState {
  /** Moscow midnight that started today, Unix ms. */
  readonly dayStart: number;
  /** Appeals created today up to `now`. */
  readonly inflowToday: number;
  /** Appeals not answered or closed. */
  readonly open: number;
  /** Open appeals in the SLA state `at_risk`. */
  readonly atRisk: number;
  /** Open appeals past their due time. */
  readonly overdue: number;
  /** Active accidents, planned outages not counted (they are not accidents). */
  readonly activeAccidents: number;
  /** Residents without supply over the active accidents, each building counted once (`residentsOnce`). */
  readonly residentsWithoutSupply: number;
  /** Planned outages in progress. */
  readonly plannedOutages: number;
}

/** The KPI accumulator for the shared pass. */
export function kpiAcc(now: number): PanelAcc<KpiState> {
  const dayStart = mskDayStart(mskDay(now));
  let inflowToday = 0;
  let open = 0;
  let atRisk = 0;
  let overdue = 0;
  let plannedOutages = 0;
  const active: Accident[] = [];
  return {
    appeal(a, sla) {
      if (a.createdAt >= dayStart && a.createdAt <= now) inflowToday++;
      if (!sla) return;
      open++;
      if (sla.status === 'at_risk') atRisk++;
      else if (sla.status === 'overdue') overdue++;
    },
    accident(a, isActive) {
      if (!isActive) return;
      if (isPlanned(a)) plannedOutages++;
      else active.push(a);
    },
    finish: () => ({
      dayStart,
      inflowToday,
      open,
      atRisk,
      overdue,
      activeAccidents: active.length,
      residentsWithoutSupply: residentsOnce(active, now),
      plannedOutages,
    }),
  };
}

/** The KPI header at `now`. */
export function buildKpi(entities: EntitySource, now: number, config: Pick<PanelsConfig, 'sla'> = {}): KpiState {
  return buildWith(kpiAcc(now), entities, now, config.sla);
}
