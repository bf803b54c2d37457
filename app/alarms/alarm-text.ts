/**
 * The Russian title and text of each kind of alarm. Texts name the place and the figures the
 * duty shift acts on and stay the same from one evaluation to the next (no «N минут назад»: a
 * countdown is the renderer's job), so a repeated evaluation never makes the banner flicker.
 * Only public fields are used: the hub's public projection carries no personal data.
 */
import type { Accident, AccidentResource, Appeal } from '../domain/entity';
import { CHANNEL_LABELS, RESOURCE_LABELS } from '../domain/entity';
import { municipalityByOktmo } from '../domain/municipality';
import { orgShortName } from '../domain/organisations';
import { HOUR_MS } from '../calendar/msk-time';
import { formatCount, formatMskWhen, pluralRu } from '../ui/format-ru';

/** «без чего»: the resource in the genitive, for «без отопления». */
export const RESOURCE_GENITIVE: Readonly<Record<AccidentResource, string>> = {
  heat: 'отопления',
  hot_water: 'горячей воды',
  cold_water: 'холодной воды',
  sewerage: 'водоотведения',
  electricity: 'электроснабжения',
  gas: 'газоснабжения',
  housing: 'жилья',
};

/** Short name of a municipality of either set, or the code itself. */
export function placeName(oktmo: string): string {
  return (municipalityByOktmo(oktmo) ?? municipalityByOktmo(oktmo, '2023'))?.shortName ?? oktmo;
}

const residents = (n: number) => `${formatCount(n)} ${pluralRu(n, 'житель', 'жителя', 'жителей')}`;
const where = (a: Accident) => `${RESOURCE_LABELS[a.resource]} · ${a.address}, ${placeName(a.municipality)}`;

/** An accident leaving many residents without supply. */
export function accidentResidentsText(a: Accident, now: number): { title: string; text: string } {
  return {
    title: `Авария ЖКХ: ${residents(a.residents)} без ${RESOURCE_GENITIVE[a.resource]}`,
    text: `${where(a)}: ${residents(a.residents)}, ${formatCount(a.buildings)} ${pluralRu(a.buildings, 'дом', 'дома', 'домов')} с ${formatMskWhen(a.startedAt, now)} МСК; восстановление по плану ${formatMskWhen(a.plannedRestoreAt, now)} МСК`,
  };
}

/** Social objects hit by a heat (or hot water) accident. */
export function socialObjectText(a: Accident, now: number): { title: string; text: string } {
  const n = a.socialObjects;
  return {
    title: `Социальные объекты без ${RESOURCE_GENITIVE[a.resource]}`,
    text: `${where(a)}: ${formatCount(n)} ${pluralRu(n, 'социальный объект', 'социальных объекта', 'социальных объектов')}, ${residents(a.residents)} с ${formatMskWhen(a.startedAt, now)} МСК`,
  };
}

/** An accident past a threshold (`title` is the threshold's label). */
export function thresholdText(a: Accident, title: string, limitMs: number, now: number): { title: string; text: string } {
  const hours = Math.round((limitMs / HOUR_MS) * 10) / 10;
  return {
    title,
    text: `${where(a)}: ${residents(a.residents)} без ${RESOURCE_GENITIVE[a.resource]} с ${formatMskWhen(a.startedAt, now)} МСК, дольше ${String(hours).replace('.', ',')} ч`,
  };
}

/** An appeal past its due time in a watched sector. */
export function overdueText(a: Appeal, sectorLabel: string, due: number, now: number): { title: string; text: string } {
  return {
    title: `Просрочен ответ: ${sectorLabel}`,
    text: `«${a.title}» — ${CHANNEL_LABELS[a.channel]}, ${orgShortName(a.org)}, ${placeName(a.municipality)}; срок истёк ${formatMskWhen(due, now)} МСК`,
  };
}
