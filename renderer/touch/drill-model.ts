/**
 * The touch panel's drill-down, computed in one pass over the entities under the filter:
 * republic → municipality → organisation → items (issue 7). Pure: same entities, time and
 * filter, same tree. Item lists keep the entities; counts keep what the lists show.
 */
import { isActiveAt } from '../../app/accidents/accident-metrics';
import type { Accident, Appeal, Entity } from '../../app/domain/entity';
import { municipalities, municipalityByOktmo } from '../../app/domain/municipality';
import { accidentsPass, itemMunicipality, matchesAccident, matchesAppeal, orgKey, type ItemFilter } from '../../app/meetings/item-filter';
import { slaState, type SlaStatus } from '../../app/sla/sla-state';
import { orgLabel } from './org-label';

/** Counts of one node of the tree. */
export interface DrillCounts {
  /** Items under the filter (appeals + accidents). */
  total: number;
  /** Open appeals. */
  open: number;
  atRisk: number;
  overdue: number;
  /** Accidents active now. */
  activeAccidents: number;
}

/** One listed item with its state at `now`. */
export type DrillItem = { entity: Appeal; sla: SlaStatus } | { entity: Accident; active: boolean };

export interface OrgNode {
  key: string;
  label: string;
  counts: DrillCounts;
  items: DrillItem[];
}

export interface MunicipalityNode {
  oktmo: string;
  name: string;
  counts: DrillCounts;
  orgs: Map<string, OrgNode>;
}

export interface Drill {
  counts: DrillCounts;
  /** Every municipality of the 2025 set (also those with nothing), by name. */
  municipalities: MunicipalityNode[];
  byOktmo: Map<string, MunicipalityNode>;
}

const zero = (): DrillCounts => ({ total: 0, open: 0, atRisk: 0, overdue: 0, activeAccidents: 0 });

function count(c: DrillCounts, item: DrillItem): void {
  c.total++;
  if ('sla' in item) {
    if (item.sla === 'closed') return;
    c.open++;
    if (item.sla === 'at_risk') c.atRisk++;
    else if (item.sla === 'overdue') c.overdue++;
  } else if (item.active) c.activeAccidents++;
}

/** Builds the tree at `now` (hub time, or the replayed / frozen moment). */
export function buildDrill(entities: Iterable<Entity>, now: number, filter: ItemFilter): Drill {
  const counts = zero();
  const list = municipalities('2025').map<MunicipalityNode>((m) => ({ oktmo: m.oktmo, name: m.shortName, counts: zero(), orgs: new Map() }));
  const byOktmo = new Map(list.map((m) => [m.oktmo, m]));
  const withAccidents = accidentsPass(filter);
  for (const e of entities) {
    let item: DrillItem;
    if (e.kind === 'appeal') {
      if (!matchesAppeal(e, filter, now)) continue;
      item = { entity: e, sla: slaState(e, now) };
    } else if (e.kind === 'accident') {
      if (!withAccidents || !matchesAccident(e, filter)) continue;
      item = { entity: e, active: isActiveAt(e, now) };
    } else continue; // weather: not an item
    const code = itemMunicipality(e);
    let mun = byOktmo.get(code);
    if (!mun) {
      // A code outside the 2025 set (the hub validates, so only in odd data): still listed.
      mun = { oktmo: code, name: municipalityByOktmo(code, '2023')?.shortName ?? code, counts: zero(), orgs: new Map() };
      byOktmo.set(code, mun);
      list.push(mun);
    }
    const key = orgKey(e);
    let org = mun.orgs.get(key);
    if (!org) mun.orgs.set(key, (org = { key, label: orgLabel(key), counts: zero(), items: [] }));
    org.items.push(item);
    count(org.counts, item);
    count(mun.counts, item);
    count(counts, item);
  }
  list.sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  return { counts, municipalities: list, byOktmo };
}

/** Organisations of a municipality: most overdue, then most active accidents, then the busiest. */
export function orgsOf(m: MunicipalityNode): OrgNode[] {
  return [...m.orgs.values()].sort(
    (a, b) =>
      b.counts.overdue - a.counts.overdue ||
      b.counts.activeAccidents - a.counts.activeAccidents ||
      b.counts.total - a.counts.total ||
      a.label.localeCompare(b.label, 'ru'),
  );
}

/** Which items of an organisation a list shows. */
export type ItemListKind = 'all' | 'open' | 'at_risk' | 'overdue' | 'closed' | 'accidents';

/** Russian names of the lists. */
export const ITEM_LIST_LABELS: Readonly<Record<ItemListKind, string>> = {
  all: 'все',
  open: 'открытые',
  at_risk: 'срок истекает',
  overdue: 'просрочено',
  closed: 'закрытые',
  accidents: 'аварии',
};

const URGENCY: Readonly<Record<SlaStatus, number>> = { overdue: 0, at_risk: 1, intermediate: 2, extended: 3, on_time: 4, closed: 5 };

function keep(item: DrillItem, kind: ItemListKind): boolean {
  if (kind === 'all') return true;
  if (kind === 'accidents') return !('sla' in item);
  if (!('sla' in item)) return false;
  if (kind === 'open') return item.sla !== 'closed';
  return item.sla === kind;
}

const rankOf = (i: DrillItem) => ('sla' in i ? URGENCY[i.sla] : i.active ? -1 : 5);
const timeOf = (i: DrillItem) => (i.entity.kind === 'appeal' ? i.entity.createdAt : i.entity.startedAt);

/** The items of a list: active accidents, then the most urgent appeals, newest first within each. */
export function itemsOf(org: OrgNode, kind: ItemListKind): DrillItem[] {
  return org.items.filter((i) => keep(i, kind)).sort((a, b) => rankOf(a) - rankOf(b) || timeOf(b) - timeOf(a));
}
