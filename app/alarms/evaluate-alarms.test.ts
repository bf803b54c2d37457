import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HOUR_MS, MINUTE_MS, mskTime } from '../calendar/msk-time';
import { ACCIDENT_RESOURCES, type Accident, type Appeal, type Entity, type Weather } from '../domain/entity';
import { slaState } from '../sla/sla-state';
import { AlarmRulesSchema, DEFAULT_ALARM_RULES, THRESHOLD_IDS, type AlarmRuleInput } from './alarm-rules';
import { compareAlarms, evaluateAlarms } from './evaluate-alarms';
import { makeAccident, makeAppeal } from '../../test/support/entities';

const T0 = mskTime(2026, 1, 20, 6, 40); // a January morning, heating season
const NOW = T0 + 5 * HOUR_MS; // 11:40

const accident = (over: Partial<Accident> = {}): Accident =>
  makeAccident({ id: 'A1', address: 'ул. Гагарина, 5', residents: 1200, buildings: 8, startedAt: T0, plannedRestoreAt: T0 + 8 * HOUR_MS, ...over });
// Created Tue 10:00 → due Wed 10:00 (8 working hours).
const appeal = (over: Partial<Appeal> = {}): Appeal =>
  makeAppeal({ id: 'P1', sector: 'healthcare', org: 'oiv-minzdrav', title: 'Нет записи к терапевту', createdAt: mskTime(2026, 1, 20, 10), ...over });

const run = (entities: Entity[], now = NOW, ack: string[] = [], ctx = {}) => evaluateAlarms(entities, now, DEFAULT_ALARM_RULES, new Set(ack), ctx);

describe('evaluateAlarms: accidents', () => {
  it('an active accident with ≥ 1,000 residents raises a major alarm focused on its municipality', () => {
    const [alarm, ...rest] = run([accident()]);
    expect(rest).toEqual([]);
    expect(alarm).toEqual({
      id: 'accident-residents:accident:A1',
      ruleId: 'accident-residents',
      severity: 'major',
      title: 'Авария ЖКХ: 1\u00a0200 жителей без отопления',
      text: 'Отопление · ул. Гагарина, 5, Чебоксары: 1\u00a0200 жителей, 8 домов с 06:40 МСК; восстановление по плану 14:40 МСК',
      entity: accident(),
      since: T0,
      scene: { id: 'municipality', oktmo: '97701000' },
      sound: false,
    });
  });

  it('focuses the 2025 okrug when an item still carries the code of a merged city okrug', () => {
    // 97704000 is the former city okrug Алатырь, part of the Алатырский okrug (97503000) since 2025.
    expect(run([accident({ municipality: '97704000' })])[0]).toMatchObject({ scene: { id: 'municipality', oktmo: '97503000' } });
    expect(run([accident({ municipality: '97704000' })])[0]!.text).toContain(', Алатырь:');
  });

  it('stays quiet below 1,000 residents, once restored, and before the accident starts', () => {
    expect(run([accident({ residents: 999 })])).toEqual([]);
    expect(run([accident({ status: 'resolved', restoredAt: NOW - MINUTE_MS })])).toEqual([]);
    expect(run([accident({ restoredAt: NOW - 1 })])).toEqual([]);
    expect(run([accident()], T0 - 1)).toEqual([]);
  });

  it('heating off at a social object in the heating season is critical and sounds; hot water and cold water are not this rule', () => {
    const school = accident({ id: 'A2', residents: 300, socialObjects: 2 });
    expect(run([school])).toMatchObject([
      {
        id: 'social-object-no-heat:accident:A2',
        severity: 'critical',
        sound: true,
        title: 'Социальные объекты без отопления',
        text: 'Отопление · ул. Гагарина, 5, Чебоксары: 2 социальных объекта, 300 жителей с 06:40 МСК',
      },
    ]);
    // Issue 11: hot water off at a school is not a critical condition (it is off every summer for maintenance).
    expect(run([{ ...school, resource: 'hot_water' }])).toEqual([]);
    expect(run([{ ...school, resource: 'cold_water' }])).toEqual([]);
  });

  it('the social-object rule is silent outside the heating season (ПП № 354, п. 5: heating is a service of the season)', () => {
    const july = mskTime(2026, 7, 14, 9);
    const school = accident({ id: 'A2', residents: 300, socialObjects: 2, startedAt: july, plannedRestoreAt: july + 8 * HOUR_MS });
    expect(run([school], july + HOUR_MS)).toEqual([]);
    // A rule configured for any season still fires.
    const rules = AlarmRulesSchema.parse([{ id: 'soc', type: 'social-object-no-heat', severity: 'major', inHeatingSeasonOnly: false }]);
    expect(evaluateAlarms([school], july + HOUR_MS, rules, new Set()).map((a) => a.id)).toEqual(['soc:accident:A2']);
  });

  it('mass-outage criterion: ≥ 5,000 without heat for > 4 h in frost (unknown temperature counts as frost), > 12 h above zero; the wall says «критерий превышен»', () => {
    const big = accident({ id: 'A3', residents: 6000 });
    const alarms = run([big]);
    expect(alarms.map((a) => a.id)).toEqual(['regional-emergency:accident:A3', 'accident-residents:accident:A3']);
    expect(alarms[0]).toMatchObject({ severity: 'critical', since: T0 + 4 * HOUR_MS, title: 'Критерий превышен: массовое отключение отопления', sound: true });
    expect(alarms[0]!.text).toBe('Отопление · ул. Гагарина, 5, Чебоксары: 6\u00a0000 жителей без отопления с 06:40 МСК, дольше 4 ч');
    expect(alarms.map((a) => `${a.title} ${a.text}`).join(' ')).not.toMatch(/ЧС|чрезвычайн/i);
    expect(run([big], NOW, [], { airTempC: 3 }).map((a) => a.ruleId)).toEqual(['accident-residents']);
    expect(run([big], T0 + 4 * HOUR_MS).map((a) => a.ruleId)).toEqual(['accident-residents']);
  });

  it("the frost criterion takes the weather entity of the accident's municipality, else the republic's", () => {
    const big = accident({ id: 'A3', residents: 6000 });
    const reading = (over: Partial<Weather>): Weather => ({
      kind: 'weather',
      id: 'w-97701000',
      version: 1,
      municipality: '97701000',
      lon: 47.25,
      lat: 56.13,
      at: NOW - HOUR_MS,
      temperatureC: 2,
      ...over,
    });
    const republic = (t: number): Weather => {
      const { municipality: _m, ...w } = reading({ id: 'w-republic', temperatureC: t });
      return w;
    };
    const crit = (entities: Entity[]) => run(entities).some((a) => a.ruleId === 'regional-emergency');
    expect(crit([reading({}), big])).toBe(false); // +2 °C in Чебоксары: 5 h < 12 h
    expect(crit([big, reading({ temperatureC: -9 })])).toBe(true); // order in the store does not matter
    expect(crit([big, republic(2)])).toBe(false);
    expect(crit([big, republic(-9), reading({})])).toBe(false); // the municipality's own reading wins
    expect(crit([big, reading({ at: NOW - 7 * HOUR_MS })])).toBe(true); // stale: unknown, frost
  });

  it('no accident rule fires in July for heat; the frost criterion needs the season', () => {
    const july = mskTime(2026, 7, 14, 9);
    expect(
      run([accident({ id: 'A3', residents: 6000, startedAt: july, plannedRestoreAt: july + 2 * HOUR_MS })], july + 30 * HOUR_MS).map((a) => a.ruleId),
    ).toEqual(['accident-residents']);
  });

  it('property: a planned outage never raises an alarm, whatever the rules, size, time or weather', () => {
    const ruleArb = fc.oneof(
      fc.record({
        id: fc.constant('r-res'),
        type: fc.constant('accident-residents' as const),
        severity: fc.constantFrom('critical', 'major', 'warning'),
        minResidents: fc.integer({ min: 1, max: 5000 }),
      }),
      fc.record({
        id: fc.constant('r-soc'),
        type: fc.constant('social-object-no-heat' as const),
        severity: fc.constantFrom('critical', 'major'),
        resources: fc.subarray([...ACCIDENT_RESOURCES], { minLength: 1 }),
        inHeatingSeasonOnly: fc.boolean(),
      }),
      fc.record({
        id: fc.constant('r-thr'),
        type: fc.constant('accident-threshold' as const),
        severity: fc.constantFrom('critical', 'major'),
        threshold: fc.constantFrom(...THRESHOLD_IDS),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(ruleArb, { maxLength: 3 }),
        fc.constantFrom(...ACCIDENT_RESOURCES),
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: mskTime(2025, 6, 1), max: mskTime(2027, 6, 1) }),
        fc.integer({ min: 0, max: 30 * 24 }),
        fc.option(fc.integer({ min: -40, max: 35 }), { nil: undefined }),
        (ruleList, resource, residents, socialObjects, startedAt, hours, temp) => {
          const rules = AlarmRulesSchema.parse([...DEFAULT_ALARM_RULES, ...ruleList.map((r, i) => ({ ...r, id: `${r.id}-${i}` }))]);
          const planned = accident({ nature: 'planned', resource, residents, socialObjects, startedAt, plannedRestoreAt: startedAt + 14 * 24 * HOUR_MS });
          const now = startedAt + hours * HOUR_MS;
          const entities: Entity[] = [
            planned,
            ...(temp === undefined ? [] : [{ kind: 'weather' as const, id: 'w', version: 1, lon: 47.25, lat: 56.13, at: now, temperatureC: temp }]),
          ];
          expect(evaluateAlarms(entities, now, rules, new Set(), temp === undefined ? {} : { airTempC: temp })).toEqual([]);
        },
      ),
    );
  });
});

describe('evaluateAlarms: overdue appeals in a chosen sector', () => {
  const due = mskTime(2026, 1, 21, 10);

  it('fires once the due time has passed, shows the sector scene, and names the item', () => {
    expect(run([appeal()], due)).toEqual([]);
    const [alarm] = run([appeal()], due + 1);
    expect(alarm).toMatchObject({
      id: 'overdue-healthcare:appeal:P1',
      severity: 'warning',
      since: due,
      scene: { id: 'sector', sector: 'healthcare' },
      title: 'Просрочен ответ: Здравоохранение',
      text: '«Нет записи к терапевту» — Соцсети, Минздрав, Чебоксары; срок истёк 10:00 МСК',
    });
    // On a later day the date is spelled out.
    expect(run([appeal()], due + 24 * HOUR_MS)[0]!.text).toMatch(/срок истёк 21\.01 10:00 МСК$/);
  });

  it('ignores answered items and other sectors; a feed due time wins over the rules', () => {
    expect(run([appeal({ status: 'answered', answeredAt: due + 5 })], due + HOUR_MS)).toEqual([]);
    expect(run([appeal({ sector: 'roads' })], due + HOUR_MS)).toEqual([]);
    expect(run([appeal({ dueAt: NOW - 1 })], NOW).map((a) => a.since)).toEqual([NOW - 1]);
  });

  it('agrees with the SLA engine: an alarm exactly when the item is «overdue»', () => {
    const statuses = ['new', 'in_progress', 'intermediate', 'extended', 'answered', 'closed'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom('pos', 'social', 'written'),
        fc.constantFrom(...statuses),
        fc.integer({ min: mskTime(2025, 12, 1), max: mskTime(2026, 3, 1) }),
        fc.integer({ min: 0, max: 40 * 24 * HOUR_MS }),
        (channel, status, createdAt, age) => {
          const a = appeal({ channel, status, createdAt, ...(status === 'answered' || status === 'closed' ? { answeredAt: createdAt + 1 } : {}) });
          const now = createdAt + age;
          expect(run([a], now).length > 0).toBe(slaState(a, now) === 'overdue');
        },
      ),
    );
  });
});

describe('evaluateAlarms: acknowledgement, order, configuration', () => {
  const entities: Entity[] = [
    appeal({ id: 'P9', createdAt: mskTime(2026, 1, 12, 10) }),
    accident({ id: 'A5', residents: 2000, startedAt: T0 + HOUR_MS }),
    accident({ id: 'A4', residents: 2000 }),
    accident({ id: 'A6', residents: 100, socialObjects: 1 }),
  ];

  it('orders by severity, then the oldest condition, then id', () => {
    expect(run(entities).map((a) => a.id)).toEqual([
      'social-object-no-heat:accident:A6',
      'accident-residents:accident:A4',
      'accident-residents:accident:A5',
      'overdue-healthcare:appeal:P9',
    ]);
  });

  it('leaves acknowledged alarms out and keeps the rest; ids and order do not depend on the input order', () => {
    expect(run(entities, NOW, ['social-object-no-heat:accident:A6', 'accident-residents:accident:A4']).map((a) => a.id)).toEqual([
      'accident-residents:accident:A5',
      'overdue-healthcare:appeal:P9',
    ]);
    fc.assert(
      fc.property(fc.shuffledSubarray(entities, { minLength: entities.length }), (shuffled) => {
        expect(run(shuffled)).toEqual(run(entities));
      }),
    );
    expect([...run(entities)].sort(compareAlarms)).toEqual(run(entities));
  });

  it('follows the rule list: disabled rules, thresholds, sound and a fixed scene', () => {
    const input: AlarmRuleInput[] = [
      { id: 'accident-residents', type: 'accident-residents', severity: 'major', enabled: false },
      { id: 'long-heat', type: 'accident-threshold', threshold: 'interrupted_long', severity: 'warning', sound: true, show: 'housing' },
      { id: 'overdue-roads', type: 'overdue-in-sector', sectors: ['roads'], severity: 'major', highImportanceOnly: true },
    ];
    const rules = AlarmRulesSchema.parse(input);
    // Cold water 7 h: past the 4 h of ПП № 354, прил. 1, п. 1.
    const list: Entity[] = [
      accident({ resource: 'cold_water', startedAt: NOW - 7 * HOUR_MS }),
      appeal({ id: 'R1', sector: 'roads', createdAt: mskTime(2026, 1, 12, 10) }),
      appeal({ id: 'R2', sector: 'roads', importance: 'high', createdAt: mskTime(2026, 1, 12, 10) }),
    ];
    expect(evaluateAlarms(list, NOW, rules, new Set()).map((a) => [a.id, a.sound, a.scene])).toEqual([
      ['overdue-roads:appeal:R2', false, { id: 'municipality', oktmo: '97701000' }],
      ['long-heat:accident:A1', true, { id: 'housing' }],
    ]);
  });

  it('validates rules: defaults filled, duplicate ids and unknown types refused', () => {
    expect(AlarmRulesSchema.parse([{ id: 'x', type: 'accident-residents', severity: 'major' }])[0]).toMatchObject({
      minResidents: 1000,
      enabled: true,
      show: 'entity-municipality',
    });
    const dup = AlarmRulesSchema.safeParse([
      { id: 'x', type: 'accident-residents', severity: 'major' },
      { id: 'x', type: 'social-object-no-heat', severity: 'critical' },
    ]);
    expect(dup.success ? [] : dup.error.issues.map((i) => i.message)).toEqual(['повтор id «x» / duplicate id «x»']);
    expect(AlarmRulesSchema.safeParse([{ id: 'y', type: 'flood', severity: 'major' }]).success).toBe(false);
    expect(AlarmRulesSchema.safeParse([{ id: 'z', type: 'overdue-in-sector', sectors: [], severity: 'major' }]).success).toBe(false);
  });
});
