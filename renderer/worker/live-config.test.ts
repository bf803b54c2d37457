import { describe, expect, it } from 'vitest';
import { DEFAULT_ALARM_RULES } from '../../app/alarms/alarm-rules';
import { DEFAULT_ORGANISATIONS } from '../../app/domain/organisations';
import { LiveConfig, PAGE_DOCUMENTS } from './live-config';

const rules = (minResidents: number) => [{ id: 'any-outage', type: 'accident-residents', minResidents, severity: 'major' }];

describe('the worker checks the hub’s alarm rules (the hub evaluates them, issue 15)', () => {
  it('a new alarm-rules version is accepted and remembered', () => {
    const config = new LiveConfig();
    expect(config.apply({ name: 'alarm-rules', version: 2, body: rules(100) })).toBe('alarm-rules');
    expect(config.alarmRules.map((r) => r.id)).toEqual(['any-outage']);
    expect(config.problem).toBeNull();
  });

  it('a version that fails its schema keeps the last good one and says so in Russian', () => {
    const config = new LiveConfig();
    config.apply({ name: 'alarm-rules', version: 2, body: rules(100) });
    expect(config.apply({ name: 'alarm-rules', version: 3, body: rules(-5) })).toBeNull();
    expect(config.alarmRules.map((r) => r.id)).toEqual(['any-outage']);
    expect(config.problem).toBe('Настройка «Правила тревог» v3 не применена (alarm-rules[0].minResidents: не меньше 1); действует v2');
    // The next good version clears the warning.
    expect(config.apply({ name: 'alarm-rules', version: 4, body: rules(200) })).toBe('alarm-rules');
    expect(config.problem).toBeNull();
  });

  it('ignores an older or repeated version, an unknown document and a malformed message', () => {
    const config = new LiveConfig();
    config.apply({ name: 'alarm-rules', version: 3, body: rules(100) });
    expect(config.apply({ name: 'alarm-rules', version: 2, body: DEFAULT_ALARM_RULES })).toBeNull();
    expect(config.apply({ name: 'weather', version: 2, body: [] })).toBeNull();
    expect(config.apply({ name: 'alarm-rules' })).toBeNull();
    expect(config.alarmRules.map((r) => r.id)).toEqual(['any-outage']);
  });

  it('sectors and playlists are applied for the page; a bad version keeps the last good one', () => {
    const config = new LiveConfig();
    expect(config.pageConfig().playlists).toBeNull();
    expect(config.apply({ name: 'sectors', version: 2, body: [{ id: 'housing', label: 'ЖКХ', color: [1, 2, 3] }] })).toBe('sectors');
    expect(config.versions.get('sectors')).toBe(2);
    expect(config.pageConfig().sectors).toEqual([{ id: 'housing', label: 'ЖКХ', color: [1, 2, 3] }]);
    expect(config.apply({ name: 'sectors', version: 3, body: [{ id: 'housing', label: 'ЖКХ', color: [1, 2] }] })).toBeNull();
    expect(config.problem).toBe('Настройка «Секторы» v3 не применена (sectors[0].color: ожидается цвет [r, g, b] из чисел 0–255); действует v2');
    expect(config.sectors[0]!.color).toEqual([1, 2, 3]);
    const day = { dayparts: [{ id: 'all', from: '00:00', to: '24:00', dwellS: 10, scenes: ['overview', 'sla'] }] };
    expect(config.apply({ name: 'playlists', version: 2, body: { default: day, lobby: day } })).toBe('playlists');
    expect(Object.keys(config.pageConfig().playlists!)).toEqual(['default', 'lobby']);
    expect(config.apply({ name: 'playlists', version: 3, body: { lobby: day } })).toBeNull();
    expect(Object.keys(config.playlists!)).toEqual(['default', 'lobby']);
  });

  it('organisations are applied for the page with their version; a bad version keeps the last good one', () => {
    const config = new LiveConfig();
    expect(config.pageConfig().organisations).toBeNull();
    const renamed = DEFAULT_ORGANISATIONS.map((o) => (o.id === 'oiv-minzdrav' ? { ...o, short: 'Минздрав ЧР' } : o));
    expect(config.apply({ name: 'organisations', version: 2, body: renamed })).toBe('organisations');
    expect(PAGE_DOCUMENTS).toContain('organisations');
    const page = config.pageConfig().organisations!;
    expect(page.version).toBe(2);
    expect(page.body.find((o) => o.id === 'oiv-minzdrav')!.short).toBe('Минздрав ЧР');
    expect(config.apply({ name: 'organisations', version: 3, body: [{ id: 'oiv-x', short: '' }] })).toBeNull();
    expect(config.problem).toMatch(/^Настройка «[^»]+» v3 не применена .*; действует v2$/);
    expect(config.pageConfig().organisations!.version).toBe(2);
    expect(config.apply({ name: 'organisations', version: 2, body: DEFAULT_ORGANISATIONS })).toBeNull();
    expect(config.pageConfig().organisations!.body.find((o) => o.id === 'oiv-minzdrav')!.short).toBe('Минздрав ЧР');
  });

  it('other documents are checked and remembered, not applied', () => {
    const config = new LiveConfig();
    const rating = { name: 'rating', version: 2, body: { weights: {} } };
    expect(config.apply(rating)).toBeNull();
    expect(config.problem).toMatch(/^Настройка «Рейтинг ОИВ и ОМСУ» v2 не применена/);
  });
});

describe('live production calendar', () => {
  it('takes a valid calendar (its confirmed years and days off), keeps the last good one on a bad one', () => {
    const live = new LiveConfig();
    const year = {
      year: 2027,
      confirmed: true,
      source: 'Постановление (тест)',
      holidays: ['2027-01-01'],
      extraDaysOff: ['2027-11-05'],
      workingWeekendDays: [],
      shortDays: [],
    };
    expect(live.apply({ name: 'production-calendar', version: 2, body: [year] })).toBe('production-calendar');
    expect(live.calendar.isConfirmedYear(2027)).toBe(true);
    expect(live.calendar.dayKind(Date.UTC(2027, 10, 5) / 86_400_000)).not.toBe('working');
    expect(live.confirmedYears).toEqual([2027]);
    expect(live.apply({ name: 'production-calendar', version: 3, body: [{ ...year, extraDaysOff: ['2026-11-05'] }] })).toBeNull();
    expect(live.problem).toContain('не из 2027 года');
    expect(live.calendar.isConfirmedYear(2027)).toBe(true);
  });
});
