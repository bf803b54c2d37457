/**
 * The figures a meeting step shows: what came in during the step's period and the backlog now,
 * under the step's filter; and the same per municipality for the map. One pass, pure.
 */
import { isActiveAt, isPlanned } from '../accidents/accident-metrics';
import { residentsOnce } from '../accidents/residents';
import type { Accident, Entity } from '../domain/entity';
import { slaState } from '../sla/sla-state';
import type { SlaRules } from '../sla/sla-rules';
import { accidentsPass, itemMunicipality, matchesAccident, matchesAppeal, type ItemFilter } from './item-filter';
import type { Period } from './periods';

/** Figures of one municipality. */
export interface MunicipalityFigures {
  /** Appeals created in the period. */
  appeals: number;
  /** Open appeals past their due time now. */
  overdue: number;
  /** Accidents active now. */
  activeAccidents: number;
}

/** The figures of a step at `now`. */
export interface StepFigures {
  readonly period: Period;
  /** Appeals created in the period. */
  readonly appeals: number;
  /** Open appeals now (any creation time): the backlog. */
  readonly open: number;
  readonly atRisk: number;
  readonly overdue: number;
  /** Accidents started in the period (planned outages are not accidents and are not counted). */
  readonly accidents: number;
  /** Accidents active now, and the residents they leave without supply (each building once). */
  readonly activeAccidents: number;
  readonly residentsWithoutSupply: number;
  /** Keyed by 2025 OKTMO code. */
  readonly byMunicipality: Readonly<Record<string, MunicipalityFigures>>;
}

/** The figures of the filtered entities for `period`, judged at `now`. */
export function stepFigures(entities: Iterable<Entity>, now: number, filter: ItemFilter, period: Period, sla?: SlaRules): StepFigures {
  let appeals = 0;
  let open = 0;
  let atRisk = 0;
  let overdue = 0;
  let accidents = 0;
  let activeAccidents = 0;
  const active: Accident[] = [];
  const byMunicipality: Record<string, MunicipalityFigures> = {};
  const mun = (code: string) => (byMunicipality[code] ??= { appeals: 0, overdue: 0, activeAccidents: 0 });
  const withAccidents = accidentsPass(filter);
  for (const e of entities) {
    if (e.kind === 'appeal') {
      if (!matchesAppeal(e, filter, now, sla)) continue;
      const inPeriod = e.createdAt >= period.from && e.createdAt < period.to;
      if (inPeriod) {
        appeals++;
        mun(itemMunicipality(e)).appeals++;
      }
      const state = slaState(e, now, sla);
      if (state === 'closed') continue;
      open++;
      if (state === 'at_risk') atRisk++;
      else if (state === 'overdue') {
        overdue++;
        mun(itemMunicipality(e)).overdue++;
      }
    } else if (e.kind === 'accident' && withAccidents && !isPlanned(e) && matchesAccident(e, filter)) {
      if (e.startedAt >= period.from && e.startedAt < period.to) accidents++;
      if (isActiveAt(e, now)) {
        activeAccidents++;
        active.push(e);
        mun(itemMunicipality(e)).activeAccidents++;
      }
    }
  }
  const residentsWithoutSupply = residentsOnce(active, now);
  return { period, appeals, open, atRisk, overdue, accidents, activeAccidents, residentsWithoutSupply, byMunicipality };
}
