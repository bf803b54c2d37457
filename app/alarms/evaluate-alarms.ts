/**
 * Which alarms are up: the rules applied to the entities at hub time `now`. Pure and O(n) in
 * one pass with no allocation for entities that match nothing, so the feed worker can run it
 * on every coalesced update. An alarm's id is the rule id plus the entity key, so it is the
 * same on every screen and across restarts, and an acknowledgement sticks to it.
 */
import { AccidentContext } from '../accidents/accident-context';
import { DEFAULT_ACCIDENT_THRESHOLDS, THRESHOLD_LABELS, isActiveAt, isPlanned, type AccidentThresholds } from '../accidents/accident-metrics';
import { inHeatingSeason } from '../accidents/heating-season';
import { entityKey, type Accident, type Appeal, type Entity, type Item } from '../domain/entity';
import { normalizeOktmo } from '../domain/municipality';
import { DEFAULT_SECTORS, type Sector } from '../domain/sector';
import type { Scene } from '../scenes/scene';
import { dueAt } from '../sla/sla-due';
import { DEFAULT_SLA_RULES, type SlaRules } from '../sla/sla-rules';
import { ALARM_SEVERITIES, type AlarmRule, type AlarmSeverity } from './alarm-rules';
import { accidentResidentsText, overdueText, socialObjectText, thresholdText } from './alarm-text';

/** An alarm that is up. */
export interface Alarm {
  /** `<rule id>:<entity key>`, e.g. `accident-residents:accident:A-17`. Stable. */
  readonly id: string;
  readonly ruleId: string;
  readonly severity: AlarmSeverity;
  /** Russian headline for the takeover banner. */
  readonly title: string;
  /** Russian detail line: place, figures, times (Moscow). */
  readonly text: string;
  /** The entity behind it (the same object the store holds). */
  readonly entity: Item;
  /** When the condition began (accident start, threshold crossing, due time), Unix ms. */
  readonly since: number;
  /** The scene the wall shows for it. */
  readonly scene: Scene;
  /** Whether the screen plays the alarm sound. */
  readonly sound: boolean;
}

/** Live inputs of the rules that are not configuration. */
export interface AlarmContext {
  /**
   * Outdoor air temperature, °C, where no fresh `weather` entity covers the accident's
   * municipality (nor the republic); unknown takes the frost limit (the earlier alarm).
   */
  readonly airTempC?: number;
  /** @default DEFAULT_ACCIDENT_THRESHOLDS */
  readonly thresholds?: AccidentThresholds;
  /** @default DEFAULT_SLA_RULES */
  readonly sla?: SlaRules;
  /** For sector labels. @default DEFAULT_SECTORS */
  readonly sectors?: readonly Sector[];
}

type Rule<T extends AlarmRule['type']> = Extract<AlarmRule, { type: T }>;

function sceneFor(rule: AlarmRule, e: Item): Scene {
  // Items may still carry a 2023 code of a merged city okrug: focus its 2025 okrug.
  if (rule.show === 'entity-municipality') return { id: 'municipality', oktmo: normalizeOktmo(e.municipality) ?? e.municipality };
  if (rule.show === 'entity-sector') return e.kind === 'appeal' ? { id: 'sector', sector: e.sector } : { id: 'housing' };
  return rule.show;
}

const RANK: Readonly<Record<AlarmSeverity, number>> = Object.fromEntries(ALARM_SEVERITIES.map((s, i) => [s, i])) as Record<AlarmSeverity, number>;

/** Orders alarms: most severe first, then the oldest condition, then id (a total order). */
export function compareAlarms(a: Alarm, b: Alarm): number {
  return RANK[a.severity] - RANK[b.severity] || a.since - b.since || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The alarms up at `now`, acknowledged ones left out, ordered by `compareAlarms` (the first
 * is the one that takes the wall over). Accident rules fire only while the accident is active
 * and never for a planned outage; threshold rules read the outdoor temperature of the
 * accident's municipality from the `weather` entities among `entities`. `overdue-in-sector`
 * fires for an open appeal past its due time (the SLA engine's `overdue`).
 */
export function evaluateAlarms(
  entities: Iterable<Entity>,
  now: number,
  rules: readonly AlarmRule[],
  acknowledged: ReadonlySet<string>,
  ctx: AlarmContext = {},
): Alarm[] {
  const on = rules.filter((r) => r.enabled);
  const accidentRules = on.filter((r): r is Rule<'accident-residents' | 'social-object-no-heat' | 'accident-threshold'> => r.type !== 'overdue-in-sector');
  const appealRules = on.filter((r): r is Rule<'overdue-in-sector'> => r.type === 'overdue-in-sector');
  const sectorSets = appealRules.map((r) => new Set(r.sectors));
  const thresholds = ctx.thresholds ?? DEFAULT_ACCIDENT_THRESHOLDS;
  const sla = ctx.sla ?? DEFAULT_SLA_RULES;
  const sectors = ctx.sectors ?? DEFAULT_SECTORS;
  const out: Alarm[] = [];

  const raise = (rule: AlarmRule, e: Item, since: number, words: () => { title: string; text: string }) => {
    const id = `${rule.id}:${entityKey(e)}`;
    if (acknowledged.has(id)) return;
    const { title, text } = words();
    out.push({
      id,
      ruleId: rule.id,
      severity: rule.severity,
      title,
      text,
      entity: e,
      since,
      scene: sceneFor(rule, e),
      sound: rule.sound ?? rule.severity === 'critical',
    });
  };

  const context = accidentRules.some((r) => r.type === 'accident-threshold') ? new AccidentContext(now, thresholds, ctx.airTempC) : null;
  const onAccident = (a: Accident) => {
    for (const rule of accidentRules) {
      if (rule.type === 'accident-residents') {
        if (a.residents >= rule.minResidents && rule.resources.includes(a.resource)) raise(rule, a, a.startedAt, () => accidentResidentsText(a, now));
      } else if (rule.type === 'social-object-no-heat') {
        if (a.socialObjects < rule.minSocialObjects || !rule.resources.includes(a.resource)) continue;
        if (rule.inHeatingSeasonOnly && !inHeatingSeason(a.startedAt, thresholds.season, a.municipality)) continue;
        raise(rule, a, a.startedAt, () => socialObjectText(a, now));
      } else if (context) {
        const crossing = context.crossings(a).find((c) => c.id === rule.threshold);
        if (crossing) raise(rule, a, crossing.at, () => thresholdText(a, THRESHOLD_LABELS[crossing.id], crossing.limitMs, now));
      }
    }
  };

  const onAppeal = (a: Appeal) => {
    if (a.status === 'answered' || a.status === 'closed') return;
    for (let i = 0; i < appealRules.length; i++) {
      const rule = appealRules[i]!;
      if (!sectorSets[i]!.has(a.sector) || !rule.channels.includes(a.channel)) continue;
      if (rule.highImportanceOnly && a.importance !== 'high') continue;
      // The SLA engine's `overdue`: open and past the due time (the due instant itself is on time).
      const due = dueAt(a, sla);
      if (now <= due) continue;
      const label = sectors.find((s) => s.id === a.sector)?.label ?? a.sector;
      raise(rule, a, due, () => overdueText(a, label, due, now));
    }
  };

  // Accidents wait for the end of the pass: their thresholds need every weather reading and
  // the month's other outages of their building, wherever those come in the iteration.
  const accidents: Accident[] = [];
  for (const e of entities) {
    if (e.kind === 'appeal') {
      if (appealRules.length > 0) onAppeal(e);
      continue;
    }
    context?.add(e);
    if (e.kind === 'accident' && accidentRules.length > 0 && !isPlanned(e) && isActiveAt(e, now)) accidents.push(e);
  }
  for (const a of accidents) onAccident(a);
  return out.sort(compareAlarms);
}
