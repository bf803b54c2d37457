/**
 * The ГИС ЖКХ outage importer on crafted records (as fast-xml-parser gives them, namespace
 * prefixes removed): every element it maps, the house register, cancellations, and every
 * error reason.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_GIS_ZHKH_CONFIG, mapOutageReport, type GisZhkhConfig, type House } from './gis-zhkh-outages';

const G = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const H1 = 'aaaaaaaa-0000-4000-8000-000000000001';
const H2 = 'aaaaaaaa-0000-4000-8000-000000000002';
const H3 = 'aaaaaaaa-0000-4000-8000-000000000003';
const houses = new Map<string, House>([
  [H1, { address: 'г. Чебоксары, ул. Ленина, д. 5', municipality: '97701000', lon: 47.25, lat: 56.13, residents: 120 }],
  [H2, { address: 'г. Чебоксары, ул. Ленина, д. 7', municipality: '97701000', lon: 47.251, lat: 56.131, residents: 80 }],
  [H3, { address: 'г. Чебоксары, Школа № 1', municipality: '97701000', lon: 47.252, lat: 56.132, social: true, operator: 'Водоканал' }],
]);
const cfg: GisZhkhConfig = { ...DEFAULT_GIS_ZHKH_CONFIG, houses };
const NOW = Date.parse('2026-11-20T12:00:00+03:00');
type Data = Record<string, unknown>;
const record = (data: Data = {}, objects: string[] = [H1, H2]) => ({
  OutageReportData: {
    OutageReportGUID: G,
    OutageKind: { Code: '2', GUID: 'x', Name: 'Аварийный' },
    OutageType: 'PAUSE',
    ServiceCodes: { ServiceCode: ['6', '2'] },
    StartDate: '2026-11-20T06:30:00+03:00',
    EndDate: '2026-11-20T18:00:00+03:00',
    OutageReason: { Code: '3', GUID: 'y' },
    OutageReasonText: 'Порыв трубопровода',
    Status: 'PUBLISHED',
    PublishedDate: '2026-11-20T07:00:00+03:00',
    ...data,
  },
  OutageReportObjects: objects.map((g) => ({ Houses: { FiasHouseGUID: g, HouseGUID: g } })),
});
const map = (data?: Data, objects?: string[], now = NOW) => mapOutageReport(record(data, objects), 4, cfg, now);
const errors = (data?: Data, objects?: string[], now = NOW) => {
  const r = map(data, objects, now);
  return r.ok ? [] : r.errors.map((e) => `${e.row}|${e.field}|${e.reason.split(':')[0]}`);
};

describe('ГИС ЖКХ outages importer', () => {
  it('makes one accident per resource, placed and counted by the house register', () => {
    const r = map();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.upserts).toEqual(
      ['heat', 'hot_water'].map((resource) => ({
        kind: 'accident',
        id: `gis:${G}:${resource}`,
        version: Date.parse('2026-11-20T07:00:00+03:00'),
        municipality: '97701000',
        lon: 47.25,
        lat: 56.13,
        resource,
        nature: 'emergency',
        status: 'active',
        address: 'г. Чебоксары, ул. Ленина, д. 5 (и ещё 1 д.)',
        operator: 'op-tplus',
        cause: 'Перерыв: Порыв трубопровода',
        residents: 200,
        buildings: 2,
        socialObjects: 0,
        startedAt: Date.parse('2026-11-20T06:30:00+03:00'),
        plannedRestoreAt: Date.parse('2026-11-20T18:00:00+03:00'),
      })),
    );
  });

  it('maps every service code, kind, type; social objects and the house operator', () => {
    const codes: Record<string, string> = { '1': 'cold_water', '2': 'hot_water', '3': 'sewerage', '4': 'electricity', '5': 'gas', '6': 'heat' };
    for (const [code, resource] of Object.entries(codes)) {
      const r = map({ ServiceCodes: { ServiceCode: code } }, [H1]);
      expect(r.ok && r.value.upserts[0]).toMatchObject({ resource });
    }
    const planned = map({
      OutageKind: { Code: '1', GUID: 'x' },
      OutageType: 'LIMITATION',
      OutageReasonText: undefined,
      OutageReason: { Code: '1', GUID: 'y' },
    });
    expect(planned.ok && planned.value.upserts[0]).toMatchObject({ nature: 'planned', cause: 'Ограничение: Плановые работы' });
    const susp = map({ OutageType: 'SUSPENSION', OutageReason: { Code: '9', GUID: 'y', Name: 'Задолженность' }, OutageReasonText: undefined });
    expect(susp.ok && susp.value.upserts[0]).toMatchObject({ cause: 'Приостановление: Задолженность' });
    const school = map({ ServiceCodes: { ServiceCode: '1' } }, [H3, H1]);
    expect(school.ok && school.value.upserts[0]).toMatchObject({
      socialObjects: 1,
      residents: 120,
      buildings: 2,
      operator: 'op-vodokanal',
      address: 'г. Чебоксары, Школа № 1 (и ещё 1 д.)',
    });
  });

  it('resolves an outage whose end has passed; assumes a duration when there is no end', () => {
    const later = Date.parse('2026-11-21T00:00:00+03:00');
    const r = map(undefined, undefined, later);
    expect(r.ok && r.value.upserts[0]).toMatchObject({ status: 'resolved', restoredAt: Date.parse('2026-11-20T18:00:00+03:00') });
    const open = map({ EndDate: undefined });
    expect(open.ok && open.value.upserts[0]).toMatchObject({ status: 'active', plannedRestoreAt: Date.parse('2026-11-20T06:30:00+03:00') + 24 * 3_600_000 });
    expect(open.ok && open.value.upserts[0]).not.toHaveProperty('restoredAt');
  });

  it('turns a CANCELLED record into removals of its accidents', () => {
    const r = map({ Status: 'CANCELLED', CancelledDate: '2026-11-20T09:00:00+03:00', CancelledReason: 'Работы перенесены' });
    expect(r.ok && r.value).toEqual({
      upserts: [],
      removes: [
        { kind: 'accident', id: `gis:${G}:heat` },
        { kind: 'accident', id: `gis:${G}:hot_water` },
      ],
      notes: [],
    });
  });

  it('notes what it leaves out of a record it imports: solid waste, houses not in the register', () => {
    const r = map({ ServiceCodes: { ServiceCode: ['7', '1'] } }, [H1, 'bbbbbbbb-0000-4000-8000-000000000009']);
    expect(r.ok && r.value.upserts.length).toBe(1);
    expect(r.ok && r.value.notes.map((n) => n.reason.split(':')[0])).toEqual(['no-resource', 'unknown-house']);
    expect(errors({ ServiceCodes: { ServiceCode: '7' } })).toEqual(['4|ServiceCode|no-resource']);
  });

  it('refuses a record for every kind of bad element, naming it', () => {
    expect(mapOutageReport({}, 4, cfg, NOW)).toMatchObject({ ok: false, errors: [{ row: 4, field: 'OutageReportData' }] });
    expect(errors({ OutageReportGUID: '' })).toEqual(['4|OutageReportGUID|missing']);
    expect(errors({ OutageReportGUID: '3f2504e0-4f89' })).toEqual(['4|OutageReportGUID|bad-id']);
    expect(errors({ Status: 'DRAFT' })).toEqual(['4|Status|unknown-value']);
    expect(errors({ Status: '' })).toEqual(['4|Status|missing']);
    expect(errors({ OutageKind: { Code: '5', GUID: 'x' } })).toEqual(['4|OutageKind|unknown-value']);
    expect(errors({ OutageType: 'BREAK' })).toEqual(['4|OutageType|unknown-value']);
    expect(errors({ OutageType: '' })).toEqual(['4|OutageType|missing']);
    expect(errors({ ServiceCodes: { ServiceCode: '8' } })).toEqual(['4|ServiceCode|unknown-value']);
    expect(errors({ ServiceCodes: '' })).toEqual(['4|ServiceCodes|missing']);
    expect(errors({ StartDate: '' })).toEqual(['4|StartDate|missing']);
    expect(errors({ StartDate: 'вчера' })).toEqual(['4|StartDate|bad-date']);
    expect(errors({ EndDate: '2026-13-01T00:00:00' })).toEqual(['4|EndDate|bad-date']);
    expect(errors({ PublishedDate: 'сегодня' })).toEqual(['4|PublishedDate|bad-date']);
    expect(errors({ EndDate: '2026-11-20T05:00:00+03:00' })).toEqual(['4|EndDate|inconsistent-times']);
    expect(errors({ StartDate: '2026-11-25T08:00:00+03:00', EndDate: '2026-11-25T18:00:00+03:00' })).toEqual(['4|StartDate|not-started']);
    expect(errors(undefined, [])).toEqual(['4|OutageReportObjects|missing']);
    expect(errors(undefined, ['bbbbbbbb-0000-4000-8000-000000000009'])).toEqual(['4|FiasHouseGUID|unknown-house']);
    expect(mapOutageReport(record(), 4, { ...cfg, operatorByResource: {} }, NOW)).toMatchObject({
      ok: false,
      errors: [{ field: 'ServiceCode', reason: expect.stringMatching(/^unknown-org/) }, { field: 'ServiceCode' }],
    });
  });

  it('reads xs:dateTime with fractions and with no offset (Moscow time assumed)', () => {
    const r = map({ StartDate: '2026-11-20T06:30:00.000+03:00', EndDate: '2026-11-20T18:00:00' });
    expect(r.ok && r.value.upserts[0]).toMatchObject({
      startedAt: Date.parse('2026-11-20T06:30:00+03:00'),
      plannedRestoreAt: Date.parse('2026-11-20T18:00:00+03:00'),
    });
  });
});
