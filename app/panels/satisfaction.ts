/**
 * Satisfaction with answers (issue 11): of the answers citizens rated in the last 30 days
 * (ПОС asks «удовлетворены ли вы ответом»: `Appeal.satisfaction`), the share satisfied, for the
 * republic and for the organisations with the lowest share (at least `minRated` ratings, so one
 * unhappy citizen does not put a body on the wall). Feeds the quality criterion of the ratings.
 */
import type { PanelAcc } from './panel-pass';
import { buildWith } from './panel-pass';
import type { EntitySource } from './panels-config';

export const SATISFACTION_DAYS = 30;
const DAY_MS = 86_400_000;

export interface OrgSatisfaction {
  readonly org: string;
  readonly rated: number;
  readonly satisfied: number;
  /** satisfied / rated, 0–1. */
  readonly share: number;
}

export interface SatisfactionState {
  readonly rated: number;
  readonly satisfied: number;
  /** satisfied / rated; null with no ratings. */
  readonly share: number | null;
  /** The lowest shares first. */
  readonly worst: readonly OrgSatisfaction[];
}

export function satisfactionAcc(now: number, opts: { limit?: number; minRated?: number } = {}): PanelAcc<SatisfactionState> {
  const since = now - SATISFACTION_DAYS * DAY_MS;
  const byOrg = new Map<string, [number, number]>();
  let rated = 0;
  let satisfied = 0;
  return {
    appeal(a) {
      if (a.satisfaction === undefined || a.answeredAt === undefined || a.answeredAt < since || a.answeredAt > now) return;
      rated++;
      const ok = a.satisfaction === 'satisfied' ? 1 : 0;
      satisfied += ok;
      const o = byOrg.get(a.org) ?? [0, 0];
      o[0]++;
      o[1] += ok;
      byOrg.set(a.org, o);
    },
    accident() {},
    finish() {
      const minRated = opts.minRated ?? 5;
      const worst = [...byOrg]
        .filter(([, [n]]) => n >= minRated)
        .map(([org, [n, ok]]) => ({ org, rated: n, satisfied: ok, share: ok / n }))
        .sort((x, y) => x.share - y.share || y.rated - x.rated || (x.org < y.org ? -1 : 1))
        .slice(0, opts.limit ?? 3);
      return { rated, satisfied, share: rated > 0 ? satisfied / rated : null, worst };
    },
  };
}

export function buildSatisfaction(entities: EntitySource, now: number): SatisfactionState {
  return buildWith(satisfactionAcc(now), entities, now);
}
