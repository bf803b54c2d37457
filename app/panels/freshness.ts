/**
 * Freshness per source: when each channel last brought an item, for «обновлено N с назад»
 * beside each figure. Sources are the appeal channels (ПОС, ИМ, written) and the accident
 * feed; an accident counts at its start and at its restoration. The renderer ticks the age on
 * the hub clock; `ageMs` is the age at `now`.
 */
import type { AppealChannel } from '../domain/entity';
import type { PanelAcc } from './panel-pass';
import { buildWith } from './panel-pass';
import type { EntitySource } from './panels-config';

/** A source of items. */
export type FreshnessSource = AppealChannel | 'accident';

/** Every source, in display order. */
export const FRESHNESS_SOURCES: readonly FreshnessSource[] = ['pos', 'social', 'written', 'accident'];

/** Russian labels of the sources. */
export const FRESHNESS_LABELS: Readonly<Record<FreshnessSource, string>> = {
  pos: 'ПОС',
  social: 'Соцсети (ИМ)',
  written: 'Письменные обращения',
  accident: 'Аварии ЖКХ',
};

/** The newest item of a source. */
export interface SourceFreshness {
  /** Time of the newest item, Unix ms; null when the source has none. */
  readonly lastAt: number | null;
  /** `now − lastAt`, never negative; null when the source has none. */
  readonly ageMs: number | null;
}

/** Freshness of every source. */
export type FreshnessState = Readonly<Record<FreshnessSource, SourceFreshness>>;

/** The freshness accumulator for the shared pass. */
export function freshnessAcc(now: number): PanelAcc<FreshnessState> {
  const last: Record<FreshnessSource, number> = { pos: -Infinity, social: -Infinity, written: -Infinity, accident: -Infinity };
  return {
    appeal(a) {
      if (a.createdAt > last[a.channel]) last[a.channel] = a.createdAt;
    },
    accident(a) {
      const t = a.restoredAt !== undefined && a.restoredAt <= now && a.restoredAt > a.startedAt ? a.restoredAt : a.startedAt;
      if (t > last.accident) last.accident = t;
    },
    finish() {
      const of = (t: number): SourceFreshness => (t === -Infinity ? { lastAt: null, ageMs: null } : { lastAt: t, ageMs: Math.max(0, now - t) });
      return { pos: of(last.pos), social: of(last.social), written: of(last.written), accident: of(last.accident) };
    },
  };
}

/** Freshness per source at `now`. */
export function buildFreshness(entities: EntitySource, now: number): FreshnessState {
  return buildWith(freshnessAcc(now), entities, now);
}
