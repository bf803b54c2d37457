/**
 * Everything the wall panels show, from the entity store in one pass (plus a second over
 * social posts for the accidents shown, and the rating when it is due). The feed worker calls
 * it on each coalesced update and posts the result to the main thread: plain data only (no
 * Maps, no entity objects), small enough to structured-clone every frame.
 */
import type { Appeal } from '../domain/entity';
import { accidentsAcc, type AccidentsBoardState } from './accidents-board';
import { freshnessAcc, type FreshnessState } from './freshness';
import { kpiAcc, type KpiState } from './kpi';
import { runPass, type PanelAcc } from './panel-pass';
import { DEFAULT_PANELS_CONFIG, type EntitySource, type PanelsConfig } from './panels-config';
import { buildRatings, ratingPeriods, ratingsDue, type RatingsState } from './ratings-panel';
import { satisfactionAcc, type SatisfactionState } from './satisfaction';
import { sectorsAcc, type SectorsState } from './sectors-panel';
import { slaBoardAcc, type SlaBoardState } from './sla-board';
import { tickerAcc, type TickerState } from './ticker';

/** All panel states at one instant. */
export interface PanelsState {
  /** The hub time they were computed for. */
  readonly now: number;
  readonly kpi: KpiState;
  readonly sectors: SectorsState;
  readonly slaBoard: SlaBoardState;
  readonly accidents: AccidentsBoardState;
  readonly ticker: TickerState;
  readonly ratings: RatingsState;
  readonly freshness: FreshnessState;
  readonly satisfaction: SatisfactionState;
}

/** Live inputs that are not configuration. */
export interface PanelsLive {
  /** The state of the previous call: its ratings table is reused until it is due again. */
  readonly previous?: PanelsState | undefined;
  /**
   * A ratings table computed elsewhere (by the hub, or by `buildRatings` in an idle slot):
   * used as is, so this call never rates. The way to keep the heavy rating off the frame path.
   */
  readonly ratings?: RatingsState | undefined;
  /** Air temperature, °C, for the regional-emergency threshold; unknown counts as frost. */
  readonly airTempC?: number | undefined;
}

/**
 * Builds every panel at hub time `now`. Pure: the same entities, time, config and live inputs
 * give the same state. O(n) over entities; the rating (heavier: it groups and sorts the
 * appeals of two periods) runs only when `ratingsDue` and no table is supplied.
 */
export function buildPanels(entities: EntitySource, now: number, config: PanelsConfig = DEFAULT_PANELS_CONFIG, live: PanelsLive = {}): PanelsState {
  const kpi = kpiAcc(now);
  const sectors = sectorsAcc(now, config);
  const slaBoard = slaBoardAcc(config);
  const accidents = accidentsAcc(now, config, live.airTempC);
  const ticker = tickerAcc(config);
  const freshness = freshnessAcc(now);
  const satisfaction = satisfactionAcc(now);
  const accs: Array<PanelAcc<unknown>> = [kpi, sectors, slaBoard, accidents, ticker, freshness, satisfaction];

  const reuse = live.ratings ?? (live.previous && !ratingsDue(live.previous.ratings, now, config) ? live.previous.ratings : null);
  const rated: Appeal[] = [];
  if (!reuse) {
    // Only appeals since the previous period's start can count (see buildRatings).
    const since = ratingPeriods(now, config.ratings.period).previousFrom;
    accs.push({
      appeal(a) {
        if (a.createdAt >= since) rated.push(a);
      },
      accident() {},
      finish: () => undefined,
    });
  }

  runPass(entities, now, config.sla, accs);
  return {
    now,
    kpi: kpi.finish(entities),
    sectors: sectors.finish(entities),
    slaBoard: slaBoard.finish(entities),
    accidents: accidents.finish(entities),
    ticker: ticker.finish(entities),
    ratings: reuse ?? buildRatings(rated, now, config),
    freshness: freshness.finish(entities),
    satisfaction: satisfaction.finish(entities),
  };
}
