/**
 * Russian names of the responsible organisations on the touch panel, from the organisation
 * hub's current `organisations` document (renderer/state/live-config-store.ts; the built-in
 * directory of app/domain/organisations.ts until one comes). The feed carries org ids only (`oiv-…`,
 * `omsu-<slug>`, `accidents:<operator id>` for the operator of a utility accident, see
 * `orgKey` in app/meetings/item-filter.ts); an id the directory lacks shows as it is, and
 * the id the hub gives an unknown organisation as «не сопоставлено».
 */
import { UNMATCHED_ORG, UNMATCHED_ORG_ID } from '../../app/domain/organisations';
import { municipalityByOktmo } from '../../app/domain/municipality';
import { useHubConfig } from '../state/live-config-store';

/** The Russian name of an organisation key. */
export function orgLabel(key: string): string {
  if (key.startsWith('accidents:')) return `${orgLabel(key.slice('accidents:'.length))} (аварии ЖКХ)`;
  if (key === UNMATCHED_ORG_ID) return UNMATCHED_ORG;
  const o = useHubConfig.getState().orgs.get(key);
  if (!o) return key;
  if (o.type === 'oiv') return `${o.short} Чувашии`;
  if (o.type === 'omsu' && o.municipality) {
    const m = municipalityByOktmo(o.municipality) ?? municipalityByOktmo(o.municipality, '2023');
    if (m) return `Администрация: ${m.shortName}`;
  }
  return o.short;
}
