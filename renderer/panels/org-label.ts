/**
 * Short Russian names of the responsible organisations on the wall, from the organisation
 * directory (app/domain/organisations.ts): «Минздрав», «Администрация г. Чебоксары». An id the
 * directory lacks shows as «не сопоставлено» when the hub marked it so, else as it is.
 */
import { defaultOrgDirectory, UNMATCHED_ORG, UNMATCHED_ORG_ID } from '../../app/domain/organisations';

export function orgLabel(org: string): string {
  if (org === UNMATCHED_ORG_ID) return UNMATCHED_ORG;
  return defaultOrgDirectory().get(org)?.short ?? org;
}
