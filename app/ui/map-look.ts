/**
 * How an item looks on the map, as plain numbers for the binary attributes. Colour says the
 * sector; the SLA state has a second cue that survives colour blindness and a far viewing
 * distance (issue 4): on time = plain dot, at risk = white ring, overdue = larger dot with a
 * thick red outline in the top layer.
 */
import type { Accident } from '../domain/entity';
import type { SlaStatus } from '../sla/sla-state';

export type Rgba = readonly [number, number, number, number];

export interface PointLook {
  radius: number;
  alpha: number;
  line: Rgba;
  lineWidth: number;
}

const NO_LINE: Rgba = [0, 0, 0, 0];
const LOOKS: Record<SlaStatus, PointLook> = {
  on_time: { radius: 4, alpha: 235, line: NO_LINE, lineWidth: 0 },
  extended: { radius: 4, alpha: 235, line: NO_LINE, lineWidth: 0 },
  intermediate: { radius: 4, alpha: 235, line: NO_LINE, lineWidth: 0 },
  at_risk: { radius: 5.5, alpha: 255, line: [255, 255, 255, 235], lineWidth: 2 },
  overdue: { radius: 7.5, alpha: 255, line: [255, 59, 48, 255], lineWidth: 3.5 },
  closed: { radius: 2.5, alpha: 80, line: NO_LINE, lineWidth: 0 },
};

/** The look of an appeal point in a given SLA state. */
export function appealLook(sla: SlaStatus): PointLook {
  return LOOKS[sla];
}

export interface AccidentLook {
  fill: Rgba;
  line: Rgba;
  icon: Rgba;
}
/** Supply off: vivid red disk, white outline and icon. */
export const ACCIDENT_ACTIVE_LOOK: AccidentLook = { fill: [214, 48, 49, 240], line: [255, 255, 255, 230], icon: [255, 255, 255, 255] };
/**
 * A planned outage in progress (issue 11: told apart from accidents): a blue disk (Okabe–Ito
 * blue, apart from the red for every colour vision) that never pulses, so it reads as a
 * notice, not an alarm.
 */
export const ACCIDENT_PLANNED_LOOK: AccidentLook = { fill: [0, 114, 178, 220], line: [255, 255, 255, 200], icon: [255, 255, 255, 255] };
/** Restored: a quiet grey mark that stays out of the way. */
export const ACCIDENT_RESOLVED_LOOK: AccidentLook = { fill: [96, 108, 128, 120], line: [0, 0, 0, 0], icon: [200, 208, 220, 150] };

/** Disk radius, px, by residents affected on a log scale: 10 → 10 px, 100 000 → 22 px (icons stay legible). */
export function accidentRadius(a: Pick<Accident, 'residents' | 'status'>): number {
  const r = 7 + 3 * Math.log10(Math.max(10, a.residents + 1));
  return a.status === 'active' ? r : r * 0.7;
}

/** True once the planned restoration time has passed and supply is still off. */
export function accidentOverdue(a: Pick<Accident, 'status' | 'plannedRestoreAt'>, now: number): boolean {
  return a.status === 'active' && now > a.plannedRestoreAt;
}

/** Sequential ramp for cell counts (dark blue → teal → warm yellow), alpha included. */
const RAMP: readonly Rgba[] = [
  [37, 72, 120, 170],
  [28, 128, 150, 195],
  [70, 180, 140, 215],
  [205, 212, 90, 230],
  [255, 190, 70, 245],
];

/** Colour of a hex cell holding `count` appeals when the fullest holds `max` (log scale). */
export function hexColor(count: number, max: number, out: Uint8Array, offset: number): void {
  const t = max <= 1 ? 0 : Math.log(count) / Math.log(max);
  const x = Math.min(0.9999, Math.max(0, t)) * (RAMP.length - 1);
  const i = Math.floor(x);
  const f = x - i;
  const a = RAMP[i]!;
  const b = RAMP[i + 1]!;
  for (let c = 0; c < 4; c++) out[offset + c] = Math.round(a[c]! + (b[c]! - a[c]!) * f);
}

/** The ramp's colours as CSS, for the legend. */
export const HEX_RAMP_CSS: readonly string[] = RAMP.map(([r, g, b, a]) => `rgba(${r},${g},${b},${(a / 255).toFixed(2)})`);
