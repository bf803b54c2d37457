/**
 * Feed entity factories for tests and benchmarks: a valid appeal and a valid accident
 * (entities.test.ts checks the defaults against the zod schemas), with overrides. A test that
 * depends on a value passes it, usually in a one-line wrapper with the file's own defaults,
 * so its cases read the same whatever the defaults here are.
 */
import { HOUR_MS, mskTime } from '../../app/calendar/msk-time';
import type { Accident, Appeal } from '../../app/domain/entity';
import { municipalityByOktmo } from '../../app/domain/municipality';

/** The default time of the factories: Tue 20 Jan 2026, 10:00 MSK (a working day, heating season). */
export const ENTITY_TIME = mskTime(2026, 1, 20, 10);

/** The fields both kinds share (version and place: Чебоксары). */
const PLACE = { version: 1, municipality: '97701000', lon: 47.25, lat: 56.13 };

/** A valid social-media appeal about heating in Чебоксары, created at ENTITY_TIME; `over` wins. */
export function makeAppeal(over: Partial<Appeal> = {}): Appeal {
  return {
    kind: 'appeal',
    id: 'a1',
    ...PLACE,
    channel: 'social',
    sector: 'housing',
    org: 'omsu-cheboksary',
    importance: 'normal',
    status: 'new',
    title: 'Нет отопления',
    text: '',
    createdAt: ENTITY_TIME,
    ...over,
  };
}

/** A valid active heating accident in Чебоксары, started at ENTITY_TIME, planned for 4 h; `over` wins. */
export function makeAccident(over: Partial<Accident> = {}): Accident {
  return {
    kind: 'accident',
    id: 'acc-1',
    ...PLACE,
    resource: 'heat',
    status: 'active',
    address: 'ул. Мира, 1',
    operator: 'op-tplus',
    residents: 1000,
    buildings: 5,
    socialObjects: 0,
    startedAt: ENTITY_TIME,
    plannedRestoreAt: ENTITY_TIME + 4 * HOUR_MS,
    ...over,
  };
}

/** The ОМСУ org id of a municipality (its administration in the organisation directory), by OKTMO of either set. */
export function omsuOf(oktmo: string): string {
  const m = municipalityByOktmo(oktmo) ?? municipalityByOktmo(oktmo, '2023');
  if (!m) throw new Error(`no municipality ${oktmo}`);
  return `omsu-${m.slug}`;
}
