/**
 * Breach forecast (issue 15): the open appeals that will become overdue before the end of the
 * shift unless someone answers them, per organisation. Deadlines come from the SLA engine
 * (`app/sla`, production calendar included), so a 59-ФЗ appeal's calendar days and an ИМ
 * post's working hours are each counted as the rules say.
 */
import type { Appeal } from '../domain/entity';
import { orgShortName, type OrgDirectory } from '../domain/organisations';
import { DEFAULT_SLA_RULES, type SlaRules } from '../sla/sla-rules';
import { slaInfo } from '../sla/sla-state';

/** One appeal at risk of a breach. */
export interface AtRiskItem {
  readonly id: string;
  readonly channel: Appeal['channel'];
  readonly sector: string;
  readonly municipality: string;
  readonly dueAt: number;
}

/** The appeals of one organisation that fall due before the end of the shift. */
export interface OrgForecast {
  readonly org: string;
  /** The organisation's short name (the directory's, else the id). */
  readonly orgName: string;
  /** Earliest deadline first. */
  readonly items: readonly AtRiskItem[];
}

/**
 * The appeals open at `now`, not yet overdue, whose deadline falls at or before `until` (the end
 * of the shift), grouped per organisation: most items first, then the earliest deadline.
 */
export function breachForecast(appeals: Iterable<Appeal>, now: number, until: number, rules: SlaRules = DEFAULT_SLA_RULES, orgs?: OrgDirectory): OrgForecast[] {
  const byOrg = new Map<string, AtRiskItem[]>();
  for (const a of appeals) {
    const info = slaInfo(a, now, rules);
    if (info.status === 'closed' || info.status === 'overdue' || info.dueAt > until) continue;
    const list = byOrg.get(a.org) ?? [];
    list.push({ id: a.id, channel: a.channel, sector: a.sector, municipality: a.municipality, dueAt: info.dueAt });
    byOrg.set(a.org, list);
  }
  const out: OrgForecast[] = [];
  for (const [org, items] of byOrg) {
    items.sort((x, y) => x.dueAt - y.dueAt || (x.id < y.id ? -1 : 1));
    out.push({ org, orgName: orgShortName(org, orgs), items });
  }
  return out.sort((a, b) => b.items.length - a.items.length || a.items[0]!.dueAt - b.items[0]!.dueAt || (a.org < b.org ? -1 : 1));
}
