/**
 * The wall's alarms are the hub's records (issue 15, `alarms:state`): every screen shows the
 * same alarm from the same moment, whatever its own data. Pure: the feed worker turns the
 * records into the frame the page shows (the page picks this screen's preset: active-alarm.ts).
 */
import type { AlarmRecord } from '../../app/alarms/alarm-record';
import type { Scene } from '../../app/scenes/scene';
import type { AlarmPresetView, AlarmsFrame, AlarmView } from './frame';

/** Alarms sent to the main thread (it shows the first; the rest are for local acknowledgements). */
export const ALARMS_SENT = 10;

const OVERVIEW: Scene = { id: 'overview' };

function viewOf(r: AlarmRecord): AlarmView {
  return {
    id: r.id,
    ruleId: r.rule,
    severity: r.severity,
    title: r.title,
    text: r.text,
    since: r.since,
    scene: r.scene ?? OVERVIEW,
    sound: r.sound,
    entityKey: r.entity ?? '',
  };
}

/**
 * The frame of the hub's active records (already most urgent first): the unacknowledged ones
 * take the wall over; every active record with a preset holds its screens until it is cleared,
 * acknowledged or not. `acknowledged` adds the hub's `control:state.acknowledged` (at once).
 */
export function alarmsFrame(records: readonly AlarmRecord[], acknowledged: ReadonlySet<string>): AlarmsFrame {
  const up = records.filter((r) => r.ackedAt === null && !acknowledged.has(r.id));
  const presets: AlarmPresetView[] = records
    .filter((r) => r.preset !== null)
    .map((r) => ({ id: r.id, scene: r.preset!.scene, screens: r.preset!.screens, since: r.since }));
  return { count: up.length, top: up.slice(0, ALARMS_SENT).map(viewOf), presets };
}
