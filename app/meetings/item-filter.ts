/**
 * Filters of what a person looks at: by sector, channel, SLA state, municipality and
 * organisation (issue 7: the touch panel's filters and the meeting script's step filters).
 * Pure; the SLA state is computed only when the filter asks for it.
 *
 * Accidents have no channel and no SLA state: they pass when the filter names no channel and
 * no SLA state, and its sectors (if any) include ЖКХ (`housing`), the sector accidents belong to.
 */
import { z } from 'zod';
import { APPEAL_CHANNELS, type Accident, type Appeal } from '../domain/entity';
import { normalizeOktmo } from '../domain/municipality';
import { slaState, SLA_STATUS_LABELS, type SlaStatus } from '../sla/sla-state';
import type { SlaRules } from '../sla/sla-rules';

/** Every SLA state, in the order the UI lists them. */
export const SLA_STATUSES = Object.keys(SLA_STATUS_LABELS) as SlaStatus[];

/** The sector accidents belong to. */
export const ACCIDENT_SECTOR = 'housing';

const oktmo = z.string().regex(/^97\d{6}$/, 'municipality: an 8-digit OKTMO code of Chuvashia (97xxxxxx)');

/** A filter; every absent or empty field lets everything through. */
export const ItemFilterSchema = z.strictObject({
  /** Sector ids of the sector configuration. */
  sectors: z.array(z.string().min(1).max(40)).max(40).optional(),
  channels: z.array(z.enum(APPEAL_CHANNELS)).optional(),
  sla: z.array(z.enum(SLA_STATUSES as [SlaStatus, ...SlaStatus[]])).optional(),
  /** OKTMO code (2025 set; items with a merged 2023 code match their 2025 okrug). */
  municipality: oktmo.optional(),
  /** Organisation: an appeal's `org`, or `accidents:<operator>` for accidents. */
  org: z.string().min(1).max(200).optional(),
});

/** A filter. */
export type ItemFilter = z.output<typeof ItemFilterSchema>;

const some = <T>(xs: readonly T[] | undefined): xs is readonly T[] => xs !== undefined && xs.length > 0;

/** True when the filter lets everything through. */
export function isEmptyFilter(f: ItemFilter): boolean {
  return !some(f.sectors) && !some(f.channels) && !some(f.sla) && !f.municipality && !f.org;
}

/** The organisation key of an item: the appeal's `org`, or `accidents:<operator>`. */
export function orgKey(e: Appeal | Accident): string {
  return e.kind === 'appeal' ? e.org : `accidents:${e.operator}`;
}

/** The 2025 municipality of an item (2023 codes of merged city okrugs map to their okrug). */
export function itemMunicipality(e: Appeal | Accident): string {
  return normalizeOktmo(e.municipality) ?? e.municipality;
}

/** True when an appeal passes the filter at `now`. */
export function matchesAppeal(a: Appeal, f: ItemFilter, now: number, sla?: SlaRules): boolean {
  if (some(f.sectors) && !f.sectors.includes(a.sector)) return false;
  if (some(f.channels) && !f.channels.includes(a.channel)) return false;
  if (f.municipality && itemMunicipality(a) !== f.municipality) return false;
  if (f.org && a.org !== f.org) return false;
  if (some(f.sla) && !f.sla.includes(slaState(a, now, sla))) return false;
  return true;
}

/** True when accidents can pass the filter at all (see the file comment). */
export function accidentsPass(f: ItemFilter): boolean {
  return !some(f.channels) && !some(f.sla) && (!some(f.sectors) || f.sectors.includes(ACCIDENT_SECTOR));
}

/** True when an accident passes the filter. */
export function matchesAccident(a: Accident, f: ItemFilter): boolean {
  if (!accidentsPass(f)) return false;
  if (f.municipality && itemMunicipality(a) !== f.municipality) return false;
  if (f.org && orgKey(a) !== f.org) return false;
  return true;
}
