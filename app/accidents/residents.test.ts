import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HOUR_MS, mskTime } from '../calendar/msk-time';
import type { Accident } from '../domain/entity';
import { addressKey, buildingKey, RESIDENTS_UNKNOWN, residentsKnown, residentsOnce } from './residents';
import { isActiveAt } from './supply-time';
import { makeAccident } from '../../test/support/entities';

const T = mskTime(2026, 1, 20, 10);
const CHEB = '97701000';
const acc = (id: string, over: Partial<Accident> = {}): Accident =>
  makeAccident({ id, address: 'ул. Ленина, 5', residents: 100, startedAt: T, plannedRestoreAt: T + 4 * HOUR_MS, ...over });

describe('addressKey', () => {
  it('meets spellings of one building: type words, «д.», case, ё, the okrug centre, initials', () => {
    const k = addressKey('ул. Ленина, д. 5', CHEB);
    expect(addressKey('г. Чебоксары, улица Ленина, 5', CHEB)).toBe(k);
    expect(addressKey('УЛ. ЛЕНИНА, ДОМ 5', CHEB)).toBe(k);
    expect(addressKey('Чебоксары г., ул Ленина,5', CHEB)).not.toBe(''); // unreadable parts stay words: never a false match
    expect(addressKey('ул. К. Маркса, 12', CHEB)).toBe(addressKey('ул. Маркса, 12', CHEB));
    expect(addressKey('ул. Тёплая, 1', CHEB)).toBe(addressKey('ул. Теплая, 1', CHEB));
    expect(addressKey('ул. Ленина, д. 5 корп. 2', CHEB)).toBe(addressKey('ул. Ленина, 5к2', CHEB));
  });

  it('keeps different buildings apart: house, letter, street, locality, municipality', () => {
    const k = addressKey('ул. Ленина, 5', CHEB);
    expect(addressKey('ул. Ленина, 7', CHEB)).not.toBe(k);
    expect(addressKey('ул. Ленина, 5А', CHEB)).not.toBe(k);
    expect(addressKey('пр. Мира, 5', CHEB)).not.toBe(k);
    expect(addressKey('ул. Ленина, 5', '97702000')).not.toBe(k);
    // In a rural okrug, a village other than the centre is part of the key.
    expect(addressKey('с. Аликово, ул. Школьная, 1', '97505000')).toBe(addressKey('ул. Школьная, 1', '97505000'));
    expect(addressKey('д. Большая Выла, ул. Школьная, 1', '97505000')).not.toBe(addressKey('ул. Школьная, 1', '97505000'));
  });

  it('a 2023 code of a merged city okrug meets its 2025 okrug', () => {
    expect(buildingKey({ address: 'ул. Ленина, 5', municipality: '97704000' })).toBe(buildingKey({ address: 'ул. Ленина, 5', municipality: '97503000' }));
  });
});

describe('residentsOnce', () => {
  it('heat and hot water on the same houses count the larger figure once; other houses add up', () => {
    const list = [
      acc('heat', { residents: 1200 }),
      acc('hw', { resource: 'hot_water', residents: 800, address: 'г. Чебоксары, улица Ленина, д. 5' }),
      acc('other', { residents: 300, address: 'ул. Ленина, 7' }),
    ];
    expect(residentsOnce(list, T + HOUR_MS)).toBe(1500); // 1,200 (Ленина 5, once) + 300 (Ленина 7)
  });

  it('over a span: overlapping outages of a building are one event, separate ones count each', () => {
    const list = [
      acc('a', { residents: 500, status: 'resolved', restoredAt: T + 2 * HOUR_MS }),
      acc('b', { residents: 700, resource: 'hot_water', startedAt: T + HOUR_MS, status: 'resolved', restoredAt: T + 3 * HOUR_MS }), // overlaps a
      acc('c', { residents: 400, startedAt: T + 10 * HOUR_MS, status: 'resolved', restoredAt: T + 11 * HOUR_MS }), // later, separate
    ];
    expect(residentsOnce(list, T + 24 * HOUR_MS)).toBe(700 + 400);
  });

  it('property: residents are never counted twice for one building', () => {
    // A few buildings, each written in several ways, accidents active at `now`.
    const spellings = [
      ['ул. Ленина, 5', 'г. Чебоксары, улица Ленина, д. 5', 'УЛ. ЛЕНИНА, ДОМ 5'],
      ['пр. Мира, 12', 'проспект Мира, д.12'],
      ['ул. К. Маркса, 3', 'улица К. Маркса, дом 3'],
    ];
    const now = T + 3 * HOUR_MS;
    const arb = fc.array(
      fc.record({
        building: fc.integer({ min: 0, max: spellings.length - 1 }),
        spelling: fc.nat(),
        residents: fc.integer({ min: 0, max: 30_000 }),
        resource: fc.constantFrom('heat', 'hot_water', 'cold_water', 'electricity'),
        startH: fc.integer({ min: 0, max: 6 }),
        restoredH: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(arb, (specs) => {
        const list = specs.map((s, i) => {
          const names = spellings[s.building]!;
          const start = T - s.startH * HOUR_MS;
          return acc(`x${i}`, {
            address: names[s.spelling % names.length]!,
            residents: s.residents,
            resource: s.resource,
            startedAt: start,
            ...(s.restoredH !== undefined ? { status: 'resolved' as const, restoredAt: start + s.restoredH * HOUR_MS } : {}),
          });
        });
        const active = list.filter((a) => isActiveAt(a, now));
        // Each building once, with its largest figure among the accidents active at `now`.
        const most = new Map<number, number>();
        specs.forEach((s, i) => {
          if (isActiveAt(list[i]!, now)) most.set(s.building, Math.max(most.get(s.building) ?? 0, s.residents));
        });
        const expected = [...most.values()].reduce((a, b) => a + b, 0);
        expect(residentsOnce(active, now)).toBe(expected);
        // A second accident on a building already counted never raises the total.
        for (const a of active) expect(residentsOnce([...active, { ...a, id: `${a.id}-dup`, resource: 'hot_water' }], now)).toBe(expected);
        // Never more than the plain sum.
        expect(expected).toBeLessThanOrEqual(active.reduce((sum, a) => sum + a.residents, 0));
      }),
    );
  });
});

describe('residentsKnown', () => {
  it('unknown when buildings are cut and no one is counted (a source without residents sends 0); known otherwise, a real 0 included', () => {
    expect(residentsKnown(acc('a', { residents: 0, buildings: 3 }))).toBe(false);
    expect(residentsKnown(acc('b', { residents: 0, buildings: 0 }))).toBe(true);
    expect(residentsKnown(acc('c', { residents: 640, buildings: 6 }))).toBe(true);
    expect(RESIDENTS_UNKNOWN).toBe('нет данных');
  });
});
