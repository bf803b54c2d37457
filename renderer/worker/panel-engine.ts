/**
 * The wall's derived data, computed in the feed worker (ARCHITECTURE.md, hot path): every
 * panel (`buildPanels`), the alarm frame of the hub's alarm records (`alarms:state`, issue 15:
 * the hub evaluates the rules once for every screen; `hub-alarms.ts`) and, for the sector and municipality
 * scenes, the panels of the focused entities only. Not every frame: at most every
 * {@link DIRTY_EVERY_MS} after a change, and every {@link IDLE_EVERY_MS} when nothing
 * arrives (SLA states, ages and alarms move with time alone). The rating, the heavy part
 * (it groups and searches two periods of appeals), runs at most every `ratings.refreshS` in
 * its own step and is handed to `buildPanels`, so a pass never rates. No DOM here.
 */
import type { Sector } from '../../app/domain/sector';
import type { ProductionCalendar } from '../../app/calendar/production-calendar';
import { DEFAULT_SLA_RULES } from '../../app/sla/sla-rules';
import type { AlarmRecord } from '../../app/alarms/alarm-record';
import type { Entity } from '../../app/domain/entity';
import { alarmsFrame } from './hub-alarms';
import { normalizeOktmo } from '../../app/domain/municipality';
import { buildPanels, type PanelsState } from '../../app/panels/build-panels';
import { DEFAULT_PANELS_CONFIG, type EntitySource, type PanelsConfig } from '../../app/panels/panels-config';
import { buildRatings, ratingPeriods, ratingsDue, type RatingsState } from '../../app/panels/ratings-panel';
import type { AlarmsFrame, FocusPanels, PanelFocus } from './frame';

/** After a change, panels are recomputed at most this often, ms. */
export const DIRTY_EVERY_MS = 500;
/** With no change, panels are still recomputed this often (time alone moves states), ms. */
export const IDLE_EVERY_MS = 2000;
export { ALARMS_SENT } from './hub-alarms';

/** The result of one computation: the frame fields it fills. */
export interface PanelOutput {
  panels: PanelsState;
  focus: FocusPanels[];
  alarms: AlarmsFrame;
  panelsMs: number;
}

/** True when an entity belongs to the focus (a 2023 code counts for its 2025 okrug). */
export function inFocus(e: Entity, focus: PanelFocus): boolean {
  // Weather readings stay in every focus: the accident thresholds read them.
  if (e.kind === 'weather') return true;
  if (focus.kind === 'municipality') return (normalizeOktmo(e.municipality) ?? e.municipality) === focus.oktmo;
  // A sector's scene: its appeals; ЖКХ also takes the accidents.
  return e.kind === 'appeal' ? e.sector === focus.sector : focus.sector === 'housing';
}

function focused(entities: EntitySource, focus: PanelFocus): EntitySource {
  return {
    *values() {
      for (const e of entities.values()) if (inFocus(e, focus)) yield e;
    },
  };
}

export class PanelEngine {
  private ratings: RatingsState | undefined;
  private panels: PanelsState | undefined;
  private acknowledged: ReadonlySet<string> = new Set();
  private focus: PanelFocus[] = [];
  private dirty = true;
  private lastAt = -Infinity;

  private hubAlarms: readonly AlarmRecord[] = [];

  constructor(private config: PanelsConfig = DEFAULT_PANELS_CONFIG) {}

  /** The hub's active alarm records (`alarms:state`): in the frame of the next computation. */
  setHubAlarms(records: readonly AlarmRecord[]): void {
    this.hubAlarms = records;
    this.dirty = true;
  }

  /**
   * A new production calendar (the hub's `production-calendar` document): every working-time
   * deadline is counted on it from the next computation (SLA clocks are memoised per rules object).
   */
  setCalendar(calendar: ProductionCalendar): void {
    const sla = this.config.sla ?? DEFAULT_SLA_RULES;
    this.config = { ...this.config, sla: { ...sla, workingTime: { ...sla.workingTime, calendar } } };
    this.ratings = undefined;
    this.dirty = true;
  }

  /**
   * A new sector list (the hub's `sectors` document, issue 12): the sectors panel lists it from
   * the next computation; appeals of a sector it lacks count under its last (catch-all) one.
   */
  setSectors(sectors: readonly Sector[]): void {
    this.config = { ...this.config, sectors: sectors.map((s) => ({ id: s.id, label: s.label, color: [...s.color] as [number, number, number] })) };
    this.dirty = true;
  }

  /** The entities changed. */
  markDirty(): void {
    this.dirty = true;
  }

  /** Alarm ids acknowledged through the hub (`control:state.acknowledged`). */
  setAcknowledged(ids: readonly string[]): void {
    this.acknowledged = new Set(ids);
    this.dirty = true;
  }

  setFocus(focus: PanelFocus[]): void {
    this.focus = focus;
    this.dirty = true;
  }

  /** Ms (page clock) until the next computation is due; 0 = now. */
  dueIn(localNow: number): number {
    const every = this.dirty ? DIRTY_EVERY_MS : IDLE_EVERY_MS;
    return Math.max(0, this.lastAt + every - localNow);
  }

  /** Rates when due; a step of its own so a frame can go out before the panels pass. */
  rateIfDue(entities: EntitySource, hubNow: number): boolean {
    if (!ratingsDue(this.ratings, hubNow, this.config)) return false;
    const since = ratingPeriods(hubNow, this.config.ratings.period).previousFrom;
    const appeals = [];
    for (const e of entities.values()) if (e.kind === 'appeal' && e.createdAt >= since) appeals.push(e);
    this.ratings = buildRatings(appeals, hubNow, this.config);
    return true;
  }

  /**
   * Every panel and the focused panels at hub time `hubNow`, and the hub's alarms (the same
   * live alarms whatever the panels show: a replay never raises one).
   */
  compute(entities: EntitySource, hubNow: number, localNow: number): PanelOutput {
    const started = performance.now();
    this.rateIfDue(entities, hubNow);
    const live = { ratings: this.ratings, previous: this.panels };
    this.panels = buildPanels(entities, hubNow, this.config, live);
    const focus = this.focus.map((f) => ({ focus: f, panels: buildPanels(focused(entities, f), hubNow, this.config, live) }));
    const alarms: AlarmsFrame = alarmsFrame(this.hubAlarms, this.acknowledged);
    this.dirty = false;
    this.lastAt = localNow;
    return { panels: this.panels, focus, alarms, panelsMs: Math.round((performance.now() - started) * 10) / 10 };
  }
}
