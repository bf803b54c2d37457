/**
 * The SLA board: the open appeals closest to their deadline, the most overdue ones, and the
 * organisations carrying the most. Rows carry `dueAt` and `remainingMs` at `now`, so the
 * renderer ticks countdowns on the hub clock between updates without recomputing.
 */
import type { Appeal, AppealChannel } from '../domain/entity';
import { entityKey } from '../domain/entity';
import type { SlaStatus } from '../sla/sla-state';
import type { PanelAcc } from './panel-pass';
import { buildWith } from './panel-pass';
import type { EntitySource, PanelsConfig } from './panels-config';
import type { SlaView } from './sla-view';
import { createTopN } from './top-n';

/** One appeal on the board. */
export interface SlaRow {
  /** Store key, `appeal:<id>`. */
  readonly key: string;
  readonly id: string;
  readonly title: string;
  readonly org: string;
  readonly sector: string;
  readonly municipality: string;
  readonly channel: AppealChannel;
  readonly status: SlaStatus;
  readonly dueAt: number;
  /** `dueAt − now`; negative when overdue. */
  readonly remainingMs: number;
}

/** Open items of one organisation. */
export interface OrgLoad {
  readonly org: string;
  readonly open: number;
  readonly atRisk: number;
  readonly overdue: number;
}

/** The SLA board. */
export interface SlaBoardState {
  /** Open, not yet overdue, soonest due first. */
  readonly soonest: readonly SlaRow[];
  /** Overdue, longest overdue first. */
  readonly overdue: readonly SlaRow[];
  /** Organisations by overdue, then at risk, then open (descending), then id. */
  readonly byOrg: readonly OrgLoad[];
}

function row(a: Appeal, sla: Readonly<SlaView>): SlaRow {
  return {
    key: entityKey(a),
    id: a.id,
    title: a.title,
    org: a.org,
    sector: a.sector,
    municipality: a.municipality,
    channel: a.channel,
    status: sla.status,
    dueAt: sla.dueAt,
    remainingMs: sla.remainingMs,
  };
}

/** The SLA board accumulator for the shared pass. */
export function slaBoardAcc(config: Pick<PanelsConfig, 'slaBoard'>): PanelAcc<SlaBoardState> {
  const soonest = createTopN<SlaRow>(config.slaBoard.limit);
  const overdue = createTopN<SlaRow>(config.slaBoard.limit);
  const orgs = new Map<string, { open: number; atRisk: number; overdue: number }>();
  return {
    appeal(a, sla) {
      if (!sla) return;
      let load = orgs.get(a.org);
      if (!load) orgs.set(a.org, (load = { open: 0, atRisk: 0, overdue: 0 }));
      load.open++;
      if (sla.status === 'at_risk') load.atRisk++;
      else if (sla.status === 'overdue') load.overdue++;
      const list = sla.status === 'overdue' ? overdue : soonest;
      // Ties broken by id: the order is the same on every screen.
      if (list.accepts(sla.remainingMs, a.id)) list.add(sla.remainingMs, a.id, row(a, sla));
    },
    accident() {},
    finish() {
      const byOrg = [...orgs]
        .map(([org, l]) => ({ org, ...l }))
        .sort((x, y) => y.overdue - x.overdue || y.atRisk - x.atRisk || y.open - x.open || (x.org < y.org ? -1 : x.org > y.org ? 1 : 0))
        .slice(0, config.slaBoard.orgLimit);
      return { soonest: soonest.values(), overdue: overdue.values(), byOrg };
    },
  };
}

/** The SLA board at `now`. */
export function buildSlaBoard(entities: EntitySource, now: number, config: Pick<PanelsConfig, 'slaBoard' | 'sla'>): SlaBoardState {
  return buildWith(slaBoardAcc(config), entities, now, config.sla);
}
