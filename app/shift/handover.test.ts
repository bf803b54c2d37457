import { describe, expect, it } from 'vitest';
import type { AlarmRecord } from '../alarms/alarm-record';
import { HOUR_MS, MINUTE_MS, mskTime } from '../calendar/msk-time';
import { makeAccident, makeAppeal } from '../../test/support/entities';
import { buildHandover } from './handover';
import { DEFAULT_PROCEDURES, procedureFor } from './procedures';
import type { ShiftNote, SopStepRecord } from './shift-records';

const FROM = mskTime(2026, 2, 4, 8);
const TO = mskTime(2026, 2, 4, 20);

const record = (over: Partial<AlarmRecord>): AlarmRecord => ({
  id: 'a@1',
  key: 'a',
  rule: 'accident-residents',
  source: 'rules',
  severity: 'major',
  entity: 'accident:n1',
  title: 'Авария',
  text: 'текст',
  scene: null,
  sound: false,
  since: FROM + HOUR_MS,
  raisedAt: FROM + HOUR_MS,
  ackedAt: null,
  ackedBy: null,
  comment: null,
  clearedAt: null,
  preset: null,
  ...over,
});

describe('the handover digest', () => {
  const entities = [
    makeAccident({ id: 'n1', startedAt: FROM + HOUR_MS, status: 'active' }),
    makeAccident({ id: 'old-open', startedAt: FROM - 5 * HOUR_MS, status: 'active' }),
    makeAccident({ id: 'old-fixed-in-span', startedAt: FROM - 5 * HOUR_MS, status: 'resolved', restoredAt: FROM + HOUR_MS }),
    makeAccident({ id: 'old-fixed-before', startedAt: FROM - 10 * HOUR_MS, status: 'resolved', restoredAt: FROM - HOUR_MS }),
    makeAccident({ id: 'after', startedAt: TO + HOUR_MS }),
    // High-importance posts: 4 clock hours. Due 14:00 unanswered (a breach); due 14:00 answered 13:00 (none); due 22:00 (at risk).
    makeAppeal({ id: 'breach', importance: 'high', createdAt: mskTime(2026, 2, 4, 10) }),
    makeAppeal({ id: 'in-time', importance: 'high', createdAt: mskTime(2026, 2, 4, 10), status: 'answered', answeredAt: mskTime(2026, 2, 4, 13) }),
    makeAppeal({ id: 'risk', importance: 'high', createdAt: mskTime(2026, 2, 4, 18) }),
  ];
  const notes: ShiftNote[] = [
    { id: 'n-1', at: FROM + 2 * HOUR_MS, by: 'Петров', target: { kind: 'alarm', id: 'a@1' }, text: 'бригада выехала' },
    { id: 'n-0', at: FROM - HOUR_MS, by: 'Ночной', target: { kind: 'general' }, text: 'до смены' },
  ];
  const steps: SopStepRecord[] = [
    { alarmId: 'a@1', procedure: 'accident-large', step: 0, title: 's0', state: 'done', at: FROM + HOUR_MS + 10 * MINUTE_MS, by: 'Петров' },
    { alarmId: 'a@1', procedure: 'accident-large', step: 1, title: 's1', state: 'late', at: FROM + HOUR_MS + 31 * MINUTE_MS, by: null },
    { alarmId: 'a@1', procedure: 'accident-large', step: 2, title: 's2', state: 'done', at: FROM + HOUR_MS + 50 * MINUTE_MS, by: 'Петров' },
  ];
  const d = buildHandover({
    from: FROM,
    to: TO,
    forecastUntil: TO + 12 * HOUR_MS,
    entities,
    alarms: [
      record({}),
      record({ id: 'gone@1', key: 'gone', raisedAt: FROM - 3 * HOUR_MS, clearedAt: FROM - HOUR_MS }),
      record({ id: 'spike@1', key: 's', rule: 'spike', raisedAt: FROM + 3 * HOUR_MS, clearedAt: FROM + 4 * HOUR_MS }),
    ],
    notes,
    steps: (id) => steps.filter((s) => s.alarmId === id),
    procedureFor: (rule) => procedureFor(DEFAULT_PROCEDURES, rule),
    confirmations: [],
  });

  it('new accidents in the span; ongoing ones begun before it (still active, or restored inside it); not those over before or begun after', () => {
    expect(d.accidents.new.map((a) => a.id)).toEqual(['n1']);
    expect(d.accidents.ongoing.map((a) => [a.id, a.ongoing])).toEqual([
      ['old-open', true],
      ['old-fixed-in-span', false],
    ]);
  });

  it('breaches: due in the span and not answered by the deadline; at risk: due before the end of the next shift', () => {
    expect(d.breaches.items.map((b) => b.id)).toEqual(['breach']);
    expect(d.breaches.byOrg).toEqual([{ org: 'omsu-cheboksary', orgName: expect.any(String), count: 1 }]);
    expect(d.atRisk.flatMap((o) => o.items.map((i) => i.id))).toEqual(['risk']);
  });

  it('alarms of the span with their procedure: a step done in time, one flagged late, one done after its limit, one left open past its limit', () => {
    expect(d.alarms.map((a) => a.id)).toEqual(['a@1', 'spike@1']);
    const steps0 = d.alarms[0]!.procedure!.steps;
    expect(steps0.map((s) => [s.doneBy, s.late])).toEqual([
      ['Петров', false],
      [null, true],
      ['Петров', true],
      [null, true],
    ]);
    expect(d.alarms[0]!.notes.map((n) => n.text)).toEqual(['бригада выехала']);
    expect(d.alarms[1]!.procedure!.title).toBe('Всплеск сообщений');
  });

  it('only the notes of the span', () => {
    expect(d.notes.map((n) => n.id)).toEqual(['n-1']);
  });
});
