/**
 * The fields of an item card on the touch panel: the public projection only (DOMAIN.md
 * «Personal data»): no text of the appeal, no names, no flat numbers; addresses of accidents
 * at house level as the hub stores them, appeal points already on the hub's ≈ 500 m grid.
 */
import { isPlanned, outageMs } from '../../app/accidents/accident-metrics';
import { linkedPostLabel, plannedOutageLabel } from '../../app/accidents/linked-posts';
import { RESIDENTS_UNKNOWN, residentsKnown } from '../../app/accidents/residents';
import { CHANNEL_LABELS, RESOURCE_LABELS, type Appeal, type Entity } from '../../app/domain/entity';
import { municipalityByOktmo, normalizeOktmo } from '../../app/domain/municipality';
import { sectorById } from '../../app/domain/sector';
import { useHubConfig } from '../state/live-config-store';
import { orgKey } from '../../app/meetings/item-filter';
import { SLA_STATUS_LABELS, slaInfo } from '../../app/sla/sla-state';
import { formatCount, formatDurationRu, formatMskWhen } from '../../app/ui/format-ru';
import { orgLabel } from './org-label';

/** Russian names of an appeal's life-cycle states. */
export const APPEAL_STATUS_LABELS: Readonly<Record<Appeal['status'], string>> = {
  received: 'Поступило, не зарегистрировано',
  new: 'Новое',
  in_progress: 'В работе',
  intermediate: 'Дан промежуточный ответ',
  extended: 'Срок продлён',
  answered: 'Дан ответ',
  closed: 'Закрыто',
};

/** One line of a card. */
export interface CardField {
  label: string;
  value: string;
}

const munName = (code: string) => municipalityByOktmo(normalizeOktmo(code) ?? code)?.shortName ?? code;

/** Characters of a title a list row keeps (two lines at 22 px); the card shows it whole. */
export const ROW_TITLE_CHARS = 90;

/** «−7,5 °C»: Russian decimal comma and a true minus sign. */
const celsius = (t: number) => `${t < 0 ? '\u2212' : ''}${String(Math.abs(t)).replace('.', ',')} °C`;

/** The heading of an item. */
export function cardTitle(e: Entity): string {
  if (e.kind === 'weather') return `Температура воздуха: ${celsius(e.temperatureC)}`;
  return e.kind === 'appeal' ? e.title : `${isPlanned(e) ? 'Плановое отключение' : 'Авария'}: ${RESOURCE_LABELS[e.resource].toLowerCase()}`;
}

/** The card's lines at `now`; `lookup` finds the accident a post is linked to (by store key). */
export function cardFields(e: Entity, now: number, lookup?: (key: string) => Entity | undefined): CardField[] {
  const when = (t: number) => formatMskWhen(t, now);
  if (e.kind === 'weather') {
    return [
      { label: 'Температура', value: celsius(e.temperatureC) },
      { label: 'Округ', value: e.municipality !== undefined ? munName(e.municipality) : 'вся республика' },
      { label: 'Время', value: when(e.at) },
    ];
  }
  if (e.kind === 'appeal') {
    // Sector and topic names from the hub's current documents (issue 12), else the built-in ones.
    const { sectors, topics } = useHubConfig.getState();
    const sla = slaInfo(e, now);
    const due =
      sla.status === 'closed'
        ? when(sla.dueAt)
        : sla.remainingMs < 0
          ? `${when(sla.dueAt)} (просрочено на ${formatDurationRu(-sla.remainingMs)})`
          : `${when(sla.dueAt)} (осталось ${formatDurationRu(sla.remainingMs)})`;
    return [
      { label: 'Канал', value: CHANNEL_LABELS[e.channel] },
      { label: 'Сфера', value: sectorById(e.sector, sectors).label },
      ...(e.topic ? [{ label: 'Тема', value: topics.find(e.topic)?.label ?? e.topic }] : []),
      { label: 'Округ', value: munName(e.municipality) },
      { label: 'Ответственный', value: orgLabel(orgKey(e)) },
      { label: 'Статус', value: APPEAL_STATUS_LABELS[e.status] },
      { label: 'Срок', value: `${SLA_STATUS_LABELS[sla.status]} · ${due}` },
      { label: 'Поступило', value: when(e.createdAt) },
      ...(e.answeredAt !== undefined ? [{ label: 'Ответ', value: when(e.answeredAt) }] : []),
      { label: 'Важность', value: e.importance === 'high' ? 'высокая' : 'обычная' },
      ...(e.accidentId ? [linkedField(e.accidentId, now, lookup)] : []),
    ];
  }
  return [
    { label: 'Ресурс', value: RESOURCE_LABELS[e.resource] },
    ...(isPlanned(e)
      ? [{ label: 'Характер', value: plannedOutageLabel(e.plannedRestoreAt, now) }]
      : e.nature === 'incident'
        ? [{ label: 'Характер', value: 'инцидент' }]
        : []),
    { label: 'Адрес', value: e.address },
    { label: 'Округ', value: munName(e.municipality) },
    { label: 'Оператор', value: orgLabel(e.operator) },
    ...(e.cause ? [{ label: 'Причина', value: e.cause }] : []),
    {
      label: 'Без ресурса',
      value: `${residentsKnown(e) ? `${formatCount(e.residents)} жителей` : `жителей: ${RESIDENTS_UNKNOWN}`}, ${formatCount(e.buildings)} домов, ${formatCount(e.socialObjects)} соцобъектов`,
    },
    { label: 'Начало', value: when(e.startedAt) },
    { label: 'План восстановления', value: when(e.plannedRestoreAt) },
    {
      label: e.restoredAt !== undefined ? 'Восстановлено' : 'Без ресурса уже',
      value: e.restoredAt !== undefined ? when(e.restoredAt) : formatDurationRu(outageMs(e, now)),
    },
  ];
}

/** A post's link: «плановое отключение до hh:mm» when the outage it belongs to is planned, else the accident's id. */
function linkedField(accidentId: string, now: number, lookup?: (key: string) => Entity | undefined): CardField {
  const acc = lookup?.(`accident:${accidentId}`);
  const label = acc?.kind === 'accident' ? linkedPostLabel(acc, now) : null;
  return label ? { label: 'Связано с', value: label } : { label: 'Связано с аварией', value: accidentId };
}
