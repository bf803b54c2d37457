/**
 * Which scene a playlist shows at a given hub time: a pure function of the time and the
 * playlist, so every window on every PC switches at the same instant without talking to the
 * others (ARCHITECTURE.md «The wall»). No state, no clock reads, no randomness.
 *
 * The schedule: the day is cut into runs, each a stretch of Moscow time during which one
 * daypart is in force (22:00–07:00 is one run across midnight). A run plays its daypart's
 * scenes in order from its first minute, cycle after cycle; the scene that is playing when
 * the run ends is cut short and the next run starts from its first scene. A playlist with one
 * whole-day daypart has one run anchored at Moscow midnight.
 */
import { DAY_MS, MINUTE_MS, MSK_OFFSET_MS } from '../calendar/msk-time';
import { DAY_MINUTES, minuteOwners, type Daypart, type Playlist } from './playlist';
import type { Scene } from './scene';

/** The scene in force at an instant, and when it started and ends. */
export interface SceneSlot {
  readonly scene: Scene;
  /** Index of the scene in its daypart's list. */
  readonly index: number;
  /** Id of the daypart in force. */
  readonly daypart: string;
  /** When this scene came on, Unix ms (hub time). */
  readonly startedAt: number;
  /** When the next scene comes on, Unix ms (exclusive end of this slot). */
  readonly endsAt: number;
}

interface CompiledPart {
  readonly part: Daypart;
  /** Start offset of each scene within a cycle, ms; `offsets[n]` is the cycle length. */
  readonly offsets: readonly number[];
}

interface Run {
  readonly part: number;
  readonly startMin: number;
  readonly lengthMin: number;
}

interface Plan {
  readonly parts: readonly CompiledPart[];
  readonly runs: readonly Run[];
}

function compile(playlist: Playlist): Plan {
  const parts = playlist.dayparts.map((part) => {
    const offsets = [0];
    for (const e of part.scenes) offsets.push(offsets[offsets.length - 1]! + (e.dwellS ?? part.dwellS) * 1000);
    return { part, offsets };
  });
  const owner = minuteOwners(playlist.dayparts);
  const starts: number[] = [];
  for (let m = 0; m < DAY_MINUTES; m++) if (owner[m] !== owner[(m + DAY_MINUTES - 1) % DAY_MINUTES]) starts.push(m);
  // No change of daypart all day: one run from Moscow midnight.
  if (starts.length === 0) return { parts, runs: [{ part: owner[0]!, startMin: 0, lengthMin: DAY_MINUTES }] };
  const runs = starts.map((s, i) => {
    const next = starts[(i + 1) % starts.length]!;
    return { part: owner[s]!, startMin: s, lengthMin: ((next - s + DAY_MINUTES - 1) % DAY_MINUTES) + 1 };
  });
  return { parts, runs };
}

// A playlist is configuration (immutable once parsed); the wall asks every frame.
const plans = new WeakMap<Playlist, Plan>();

function planOf(playlist: Playlist): Plan {
  let plan = plans.get(playlist);
  if (!plan) {
    plan = compile(playlist);
    plans.set(playlist, plan);
  }
  return plan;
}

/** The run in force at `t` and its start instant. */
function runAt(plan: Plan, t: number): { run: Run; start: number } {
  const dayStart = Math.floor((t + MSK_OFFSET_MS) / DAY_MS) * DAY_MS - MSK_OFFSET_MS;
  for (const run of plan.runs) {
    let start = dayStart + run.startMin * MINUTE_MS;
    if (start > t) start -= DAY_MS;
    if (t < start + run.lengthMin * MINUTE_MS) return { run, start };
  }
  // Unreachable for a playlist that passed PlaylistSchema (every minute is covered).
  throw new RangeError('sceneAt: the playlist does not cover this time; parse it with PlaylistSchema');
}

/**
 * The scene a playlist shows at hub time `hubTimeMs` (Unix ms; fractions are dropped so that
 * slot boundaries are whole milliseconds). Boundaries fall exactly at the run start plus whole
 * cycles plus the dwell sums of the scenes before, and at the run's end.
 * @throws RangeError for a non-finite time.
 */
export function sceneAt(playlist: Playlist, hubTimeMs: number): SceneSlot {
  if (!Number.isFinite(hubTimeMs)) throw new RangeError(`sceneAt: not a time: ${hubTimeMs}`);
  const t = Math.floor(hubTimeMs);
  const plan = planOf(playlist);
  const { run, start } = runAt(plan, t);
  const { part, offsets } = plan.parts[run.part]!;
  const cycle = offsets[offsets.length - 1]!;
  const pos = (t - start) % cycle;
  let index = 0;
  while (offsets[index + 1]! <= pos) index++;
  const startedAt = t - pos + offsets[index]!;
  const endsAt = Math.min(t - pos + offsets[index + 1]!, start + run.lengthMin * MINUTE_MS);
  return { scene: part.scenes[index]!.scene, index, daypart: part.id, startedAt, endsAt };
}

/** Length of one cycle of a daypart, ms (the sum of its dwell times). */
export function cycleMs(part: Daypart): number {
  return part.scenes.reduce((sum, e) => sum + (e.dwellS ?? part.dwellS) * 1000, 0);
}
