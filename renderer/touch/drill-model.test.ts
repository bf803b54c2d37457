import { describe, expect, it } from 'vitest';
import type { Appeal, Entity } from '../../app/domain/entity';
import { municipalities } from '../../app/domain/municipality';
import { cardFields } from './card-fields';
import { buildDrill, itemsOf, orgsOf } from './drill-model';
import { orgLabel } from './org-label';
import { pxPerMmFromHref, targetPx } from './touch-config';
import { makeAccident, makeAppeal } from '../../test/support/entities';

const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;
let n = 0;
const appeal = (over: Partial<Appeal> = {}): Appeal =>
  makeAppeal({
    id: `a${n++}`,
    municipality: '97516000',
    lon: 47.49,
    lat: 55.5,
    channel: 'social',
    sector: 'roads',
    org: 'omsu-kanashsky',
    title: 'Яма на дороге',
    text: 'Иванов И. И., +7 900 000-00-00',
    createdAt: NOW - HOUR,
    ...over,
  });
const accident = makeAccident({
  id: 'x1',
  municipality: '97707000',
  lon: 47.5,
  lat: 55.5,
  address: 'г. Канаш, ул. Ленина, д. 1',
  operator: 'ТГК-5',
  residents: 900,
  buildings: 4,
  socialObjects: 1,
  startedAt: NOW - 2 * HOUR,
  plannedRestoreAt: NOW + HOUR,
});

describe('touch drill-down', () => {
  const entities: Entity[] = [
    appeal(),
    appeal({ createdAt: NOW - 72 * HOUR }),
    appeal({ org: 'oiv-minzdrav', sector: 'healthcare', status: 'closed' }),
    appeal({ municipality: '97701000' }),
    accident,
  ];

  it('lists every municipality of the 2025 set and counts items, open, overdue and active accidents', () => {
    const d = buildDrill(entities, NOW, {});
    expect(d.municipalities).toHaveLength(municipalities('2025').length);
    expect(d.counts).toEqual({ total: 5, open: 3, atRisk: 0, overdue: 1, activeAccidents: 1 });
    // The accident carries Канаш's 2023 code: it counts under the Канашский okrug.
    expect(d.byOktmo.get('97516000')!.counts).toEqual({ total: 4, open: 2, atRisk: 0, overdue: 1, activeAccidents: 1 });
  });

  it('orders organisations by overdue items, then active accidents, and lists items most urgent first', () => {
    const kanash = buildDrill(entities, NOW, {}).byOktmo.get('97516000')!;
    expect(orgsOf(kanash).map((o) => o.label)).toEqual(['Администрация: Канашский', 'ТГК-5 (аварии ЖКХ)', 'Минздрав Чувашии']);
    const admin = kanash.orgs.get('omsu-kanashsky')!;
    expect(itemsOf(admin, 'all').map((i) => ('sla' in i ? i.sla : 'accident'))).toEqual(['overdue', 'on_time']);
    expect(itemsOf(admin, 'overdue')).toHaveLength(1);
    expect(itemsOf(kanash.orgs.get('accidents:ТГК-5')!, 'accidents')).toHaveLength(1);
  });

  it('applies the filter, accidents only while no channel or SLA state is asked', () => {
    expect(buildDrill(entities, NOW, { sla: ['overdue'] }).counts.total).toBe(1);
    expect(buildDrill(entities, NOW, { sectors: ['housing'] }).counts.total).toBe(1);
    expect(buildDrill(entities, NOW, { channels: ['pos'] }).counts.total).toBe(0);
  });

  it('shows a card without the text of the appeal or anything personal', () => {
    const text = JSON.stringify(cardFields(appeal(), NOW));
    expect(text).not.toMatch(/Иванов|\+7/);
    expect(text).toContain('Администрация: Канашский');
    expect(JSON.stringify(cardFields(accident, NOW))).toContain('900 жителей');
  });

  it('names organisations in Russian and leaves unknown ids as they are', () => {
    expect(orgLabel('oiv-minzdrav')).toBe('Минздрав Чувашии');
    expect(orgLabel('omsu-kanash')).toBe('Администрация: Канаш');
    expect(orgLabel('org-42')).toBe('org-42');
  });
});

describe('touch targets', () => {
  it('are 15 mm of the panel: 57 px at 96 dpi, more on a denser panel', () => {
    expect(targetPx()).toBe(57);
    expect(targetPx(5)).toBe(75);
    expect(pxPerMmFromHref('http://h/#/touch?token=t&pxmm=4.2')).toBe(4.2);
    expect(pxPerMmFromHref('http://h/?pxmm=99#/touch')).toBeUndefined();
  });
});
