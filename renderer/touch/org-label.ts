/**
 * Russian names of the responsible organisations. The feed carries org ids only (`oiv-…` for
 * the regional executive bodies, `omsu-<slug>` for a municipality's administration,
 * `accidents:<operator>` for the operator of a utility accident); reference data of
 * organisations is not served by the hub yet, so the known ids are named here and any other
 * shows as its id.
 */
import { municipalities } from '../../app/domain/municipality';

const OIV: Readonly<Record<string, string>> = {
  'oiv-minzdrav': 'Минздрав Чувашии',
  'oiv-mintrans': 'Минтранс Чувашии',
  'oiv-minobr': 'Минобразования Чувашии',
  'oiv-mintrud': 'Минтруд Чувашии',
  'oiv-minpromenergo': 'Минпромэнерго Чувашии',
  'oiv-minprirody': 'Минприроды Чувашии',
  'oiv-mininform': 'Мининформполитики Чувашии',
  'oiv-minstroy': 'Минстрой Чувашии',
};

/** The Russian name of an organisation key (see `orgKey` in app/meetings/item-filter.ts). */
export function orgLabel(key: string): string {
  if (key.startsWith('accidents:')) return `${key.slice('accidents:'.length)} (аварии ЖКХ)`;
  if (OIV[key]) return OIV[key];
  if (key.startsWith('omsu-')) {
    const slug = key.slice('omsu-'.length);
    const m = municipalities('2025').find((x) => x.slug === slug) ?? municipalities('2023').find((x) => x.slug === slug);
    if (m) return `Администрация: ${m.shortName}`;
  }
  return key;
}
