/**
 * Silence detection (issue 15): a channel or a municipality whose arrivals fall far below their
 * usual level for the hour and weekday — a broken adapter, an ОМСУ not connected. Judged only
 * where the usual level is high enough for silence to mean something (`minExpected`), so a
 * quiet night in a small okrug is never a warning. The alarm key is `silence:channel:<c>` or
 * `silence:municipality:<oktmo>`.
 */
import { APPEAL_CHANNELS, type AppealChannel } from '../domain/entity';
import { municipalities } from '../domain/municipality';
import type { Baseline } from './baseline';
import type { DetectEvent } from './detect-event';
import { channelSilenceText, municipalitySilenceText } from './detect-text';
import type { SilenceThresholds } from './detect-thresholds';
import { poissonLower } from './poisson';

/** A channel or municipality fallen silent. */
export interface Silence {
  /** `silence:channel:<c>` or `silence:municipality:<oktmo>`. */
  readonly key: string;
  readonly kind: 'channel' | 'municipality';
  /** The channel id or the OKTMO code. */
  readonly id: string;
  readonly count: number;
  readonly expected: number;
  readonly p: number;
  readonly text: string;
}

/**
 * The silences at `now`: every channel and every municipality (of the current set, plus any
 * the history names) judged over [now − window, now).
 */
export function detectSilences(events: Iterable<DetectEvent>, baseline: Baseline, now: number, th: SilenceThresholds): Silence[] {
  const from = now - th.windowMin * 60_000;
  const byChannel = new Map<string, number>();
  const byMunicipality = new Map<string, number>();
  for (const e of events) {
    if (e.t < from || e.t >= now) continue;
    byChannel.set(e.channel, (byChannel.get(e.channel) ?? 0) + 1);
    byMunicipality.set(e.municipality, (byMunicipality.get(e.municipality) ?? 0) + 1);
  }
  const out: Silence[] = [];
  const judge = (kind: Silence['kind'], id: string, count: number, text: (n: number, mu: number) => string) => {
    const expected = baseline.expected(`${kind}:${id}`, from, now);
    if (expected < th.minExpected || count > th.maxShare * expected) return;
    const p = poissonLower(count, expected);
    if (p > th.maxP) return;
    out.push({ key: `silence:${kind}:${id}`, kind, id, count, expected, p, text: text(count, expected) });
  };
  for (const c of APPEAL_CHANNELS) judge('channel', c, byChannel.get(c) ?? 0, (n, mu) => channelSilenceText(c as AppealChannel, n, mu, th.windowMin));
  for (const m of municipalities())
    judge('municipality', m.oktmo, byMunicipality.get(m.oktmo) ?? 0, (n, mu) => municipalitySilenceText(m.oktmo, n, mu, th.windowMin));
  return out.sort((a, b) => a.p - b.p);
}
