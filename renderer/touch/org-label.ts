/**
 * Russian names of the responsible organisations on the touch panel, from the organisation
 * directory (app/domain/organisations.ts). The feed carries org ids only (`oiv-…`,
 * `omsu-<slug>`, `accidents:<operator id>` for the operator of a utility accident, see
 * `orgKey` in app/meetings/item-filter.ts); an id the directory lacks shows as it is, and
 * the id the hub gives an unknown organisation as «не сопоставлено».
 */
import { defaultOrgDirectory, UNMATCHED_ORG, UNMATCHED_ORG_ID } from '../../app/domain/organisations';
import { municipalityByOktmo } from '../../app/domain/municipality';

/** The Russian name of an organisation key. */
export function orgLabel(key: string): string {
  if (key.startsWith('accidents:')) return `${orgLabel(key.slice('accidents:'.length))} (аварии ЖКХ)`;
  if (key === UNMATCHED_ORG_ID) return UNMATCHED_ORG;
  const o = defaultOrgDirectory().get(key);
  if (!o) return key;
  if (o.type === 'oiv') return `${o.short} Чувашии`;
  if (o.type === 'omsu' && o.municipality) {
    const m = municipalityByOktmo(o.municipality) ?? municipalityByOktmo(o.municipality, '2023');
    if (m) return `Администрация: ${m.shortName}`;
  }
  return o.short;
}
