import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HOUR_MS, MINUTE_MS, mskTime } from '../calendar/msk-time';
import type { Accident, Appeal, Entity } from '../domain/entity';
import { slaState } from '../sla/sla-state';
import { AlarmRulesSchema, DEFAULT_ALARM_RULES, type AlarmRuleInput } from './alarm-rules';
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

  it('a heat or hot-water accident at a social object is critical and sounds; cold water is not this rule', () => {
    const school = accident({ id: 'A2', residents: 300, socialObjects: 2, resource: 'hot_water' });
    expect(run([school])).toMatchObject([
      { id: 'social-object-no-heat:accident:A2', severity: 'critical', sound: true, title: 'Социальные объекты без горячей воды', text: 'Горячая вода · ул. Гагарина, 5, Чебоксары: 2 социальных объекта, 300 жителей с 06:40 МСК' },
    ]);
    expect(run([accident({ residents: 300, socialObjects: 2, resource: 'cold_water' })])).toEqual([]);
  });

  it('regional emergency: ≥ 5,000 without heat for > 4 h in frost (unknown temperature counts as frost), > 12 h above zero', () => {
    const big = accident({ id: 'A3', residents: 6000 });
    const alarms = run([big]);
    expect(alarms.map((a) => a.id)).toEqual(['regional-emergency:accident:A3', 'accident-residents:accident:A3']);
    expect(alarms[0]).toMatchObject({ severity: 'critical', since: T0 + 4 * HOUR_MS, title: 'Признаки ЧС регионального характера', sound: true });
    expect(alarms[0]!.text).toBe('Отопление · ул. Гагарина, 5, Чебоксары: 6\u00a0000 жителей без отопления с 06:40 МСК, дольше 4 ч');
    expect(run([big], NOW, [], { airTempC: 3 }).map((a) => a.ruleId)).toEqual(['accident-residents']);
    expect(run([big], T0 + 4 * HOUR_MS).map((a) => a.ruleId)).toEqual(['accident-residents']);
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
    expect(run(entities).map((a) => a.id)).toEqual(['social-object-no-heat:accident:A6', 'accident-residents:accident:A4', 'accident-residents:accident:A5', 'overdue-healthcare:appeal:P9']);
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
    const list: Entity[] = [accident({ startedAt: NOW - 7 * HOUR_MS }), appeal({ id: 'R1', sector: 'roads', createdAt: mskTime(2026, 1, 12, 10) }), appeal({ id: 'R2', sector: 'roads', importance: 'high', createdAt: mskTime(2026, 1, 12, 10) })];
    expect(evaluateAlarms(list, NOW, rules, new Set()).map((a) => [a.id, a.sound, a.scene])).toEqual([
      ['overdue-roads:appeal:R2', false, { id: 'municipality', oktmo: '97701000' }],
      ['long-heat:accident:A1', true, { id: 'housing' }],
    ]);
  });

  it('validates rules: defaults filled, duplicate ids and unknown types refused', () => {
    expect(AlarmRulesSchema.parse([{ id: 'x', type: 'accident-residents', severity: 'major' }])[0]).toMatchObject({ minResidents: 1000, enabled: true, show: 'entity-municipality' });
    const dup = AlarmRulesSchema.safeParse([
      { id: 'x', type: 'accident-residents', severity: 'major' },
      { id: 'x', type: 'social-object-no-heat', severity: 'critical' },
    ]);
    expect(dup.success ? [] : dup.error.issues.map((i) => i.message)).toEqual(['повтор id «x» / duplicate id «x»']);
    expect(AlarmRulesSchema.safeParse([{ id: 'y', type: 'flood', severity: 'major' }]).success).toBe(false);
    expect(AlarmRulesSchema.safeParse([{ id: 'z', type: 'overdue-in-sector', sectors: [], severity: 'major' }]).success).toBe(false);
  });
});
