/**
 * Short Russian names of the responsible organisations on the wall. Org ids are the feed's
 * (`oiv-…` for the republic's executive bodies, `omsu-<municipality slug>` for a
 * municipality's administration); an unknown id is shown as it is.
 */
import { municipalities } from '../../app/domain/municipality';

const OIV: Readonly<Record<string, string>> = {
  'oiv-minzdrav': 'Минздрав',
  'oiv-mintrans': 'Минтранс',
  'oiv-minobr': 'Минобразования',
  'oiv-mintrud': 'Минтруд',
  'oiv-minpromenergo': 'Минпромэнерго',
  'oiv-minprirody': 'Минприроды',
  'oiv-mininform': 'Мининформполитики',
  'oiv-minstroy': 'Минстрой',
  'oiv-minselkhoz': 'Минсельхоз',
  'oiv-minkultury': 'Минкультуры',
};

let bySlug: Map<string, string> | null = null;

/** «Минздрав», «Адм. Чебоксары», or the id itself. */
export function orgLabel(org: string): string {
  const oiv = OIV[org];
  if (oiv) return oiv;
  if (org.startsWith('omsu-')) {
    bySlug ??= new Map([...municipalities('2025'), ...municipalities('2023')].map((m) => [m.slug, m.shortName]));
    const name = bySlug.get(org.slice(5));
    if (name) return `Адм. ${name}`;
  }
  return org;
}
