/**
 * Short Russian names of the responsible organisations on the wall («Минздрав», «Администрация
 * г. Чебоксары»), from the hub's current `organisations` document (issue 12: the feed worker
 * forwards it, renderer/state/live-config-store.ts keeps it; the built-in directory of
 * app/domain/organisations.ts until one above version 1 comes). An id the directory lacks shows
 * as «не сопоставлено» when the hub marked it so, else as it is.
 */
import { UNMATCHED_ORG, UNMATCHED_ORG_ID, type OrgDirectory } from '../../app/domain/organisations';
import { useHubConfig } from '../state/live-config-store';

/** The organisation directory in effect, outside React. */
export function orgDirectory(): OrgDirectory {
  return useHubConfig.getState().orgs;
}

/** The directory in effect; a component that names organisations calls it to re-render on a new version. */
export function useOrgDirectory(): OrgDirectory {
  return useHubConfig((s) => s.orgs);
}

export function orgLabel(org: string): string {
  if (org === UNMATCHED_ORG_ID) return UNMATCHED_ORG;
  return orgDirectory().get(org)?.short ?? org;
}
