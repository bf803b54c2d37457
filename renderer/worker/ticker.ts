/**
 * The newest arrivals of a map screen's ticker (`WorkerFrame.ticker`): a short list, newest
 * first. The feed worker keeps one for the live feed and one for a replay, so a replay
 * neither shows live arrivals nor loses them.
 */
import { entityKey, type Entity, type Item } from '../../app/domain/entity';
import { municipalityByOktmo } from '../../app/domain/municipality';
import type { TickerItem } from './frame';

export const TICKER_SIZE = 6;

function itemOf(e: Item): TickerItem {
  const title = e.kind === 'appeal' ? e.title : `${e.nature === 'planned' ? 'Плановое отключение' : 'Авария'}: ${e.address}`;
  return {
    key: entityKey(e),
    kind: e.kind,
    title,
    municipality: municipalityByOktmo(e.municipality)?.shortName ?? e.municipality,
    at: e.kind === 'appeal' ? e.createdAt : e.startedAt,
  };
}

export class TickerList {
  items: TickerItem[] = [];
  /** Changed since the last frame took it. */
  dirty = true;

  /** Notes an item that arrived (its first version); later versions are not news. */
  note(e: Entity): void {
    if (e.version !== 1 || e.kind === 'weather') return;
    this.items.unshift(itemOf(e));
    if (this.items.length > TICKER_SIZE) this.items.length = TICKER_SIZE;
    this.dirty = true;
  }

  /** The newest items that had arrived by `at` (a replay's state), newest first. */
  fill(entities: Iterable<Entity>, at: number): void {
    const newest: TickerItem[] = [];
    for (const e of entities) {
      if (e.kind === 'weather') continue;
      const item = itemOf(e);
      if (item.at > at || (newest.length === TICKER_SIZE && item.at <= newest[TICKER_SIZE - 1]!.at)) continue;
      newest.push(item);
      newest.sort((a, b) => b.at - a.at);
      if (newest.length > TICKER_SIZE) newest.length = TICKER_SIZE;
    }
    this.items = newest;
    this.dirty = true;
  }
}
