/**
 * The live ticker: the newest items of both kinds, newest first. An appeal's time is its
 * creation, an accident's its start. Only public fields (the hub's public projection).
 */
import { isPlanned } from '../accidents/supply-time';
import type { AccidentResource, AppealChannel } from '../domain/entity';
import { entityKey, RESOURCE_LABELS } from '../domain/entity';
import type { PanelAcc } from './panel-pass';
import { buildWith } from './panel-pass';
import type { EntitySource, PanelsConfig } from './panels-config';
import { createTopN } from './top-n';

/** One line of the ticker. */
export type TickerItem =
  | {
      readonly kind: 'appeal';
      readonly key: string;
      readonly at: number;
      readonly title: string;
      readonly municipality: string;
      readonly channel: AppealChannel;
      readonly sector: string;
    }
  | {
      readonly kind: 'accident';
      readonly key: string;
      readonly at: number;
      readonly title: string;
      readonly municipality: string;
      readonly resource: AccidentResource;
      readonly residents: number;
    };

/** The ticker. */
export interface TickerState {
  /** Newest first; ties by key. */
  readonly items: readonly TickerItem[];
}

/** The ticker accumulator for the shared pass. */
export function tickerAcc(config: Pick<PanelsConfig, 'ticker'>): PanelAcc<TickerState> {
  // Newest first = smallest of −time.
  const top = createTopN<TickerItem>(config.ticker.limit);
  return {
    appeal(a) {
      // Most items are older than the oldest held: skip them before building a key.
      if (-a.createdAt > top.bound()) return;
      const key = entityKey(a);
      if (top.accepts(-a.createdAt, key))
        top.add(-a.createdAt, key, {
          kind: 'appeal',
          key,
          at: a.createdAt,
          title: a.title,
          municipality: a.municipality,
          channel: a.channel,
          sector: a.sector,
        });
    },
    accident(a) {
      if (-a.startedAt > top.bound()) return;
      const key = entityKey(a);
      if (top.accepts(-a.startedAt, key)) {
        top.add(-a.startedAt, key, {
          kind: 'accident',
          key,
          at: a.startedAt,
          title: `${RESOURCE_LABELS[a.resource]}${isPlanned(a) ? ' (плановое отключение)' : ''}: ${a.address}`,
          municipality: a.municipality,
          resource: a.resource,
          residents: a.residents,
        });
      }
    },
    finish: () => ({ items: top.values() }),
  };
}

/** The ticker at `now`. */
export function buildTicker(entities: EntitySource, now: number, config: Pick<PanelsConfig, 'ticker' | 'sla'>): TickerState {
  return buildWith(tickerAcc(config), entities, now, config.sla);
}
