import { describe, expect, it } from 'vitest';
import type { Entity } from '../../app/domain/entity';
import { ControlCommandSchema } from '../../app/protocol/control';
import { showOnWallCommands } from './wall-commands';
import { makeAccident } from '../../test/support/entities';

const item: Entity = makeAccident({
  id: 'x1', municipality: '97707000', lon: 47.5, lat: 55.5, address: 'ул. Ленина, 1', operator: 'ТГК-5', residents: 10, buildings: 1, startedAt: 1, plannedRestoreAt: 2,
});
const lookup = (k: string) => (k === 'accident:x1' ? item : undefined);
const opts = { durationS: 120, withScene: true };

describe('«Показать на стене»', () => {
  it('focuses a municipality, with its scene when asked', () => {
    const cmds = showOnWallCommands({ kind: 'municipality', oktmo: '97516000' }, lookup, opts);
    expect(cmds).toEqual([
      { type: 'focus:set', oktmo: '97516000', label: 'Канашский', durationS: 120 },
      { type: 'scene:set', scene: { id: 'municipality', oktmo: '97516000' }, durationS: 120 },
    ]);
    expect(showOnWallCommands({ kind: 'municipality', oktmo: '97516000' }, lookup, { ...opts, withScene: false })).toHaveLength(1);
  });

  it('focuses an item on its point, its 2023 city code shown as the 2025 okrug scene', () => {
    const cmds = showOnWallCommands({ kind: 'item', key: 'accident:x1' }, lookup, opts);
    expect(cmds[0]).toMatchObject({ type: 'focus:set', point: [47.5, 55.5], label: 'Авария: отопление' });
    expect(cmds[1]).toMatchObject({ scene: { id: 'municipality', oktmo: '97516000' } });
    expect(showOnWallCommands({ kind: 'item', key: 'gone' }, lookup, opts)).toEqual([]);
  });

  it('only ever sends commands the hub accepts', () => {
    const screens = [{ kind: 'republic' }, { kind: 'org', oktmo: '97701000', org: 'oiv-minzdrav' }, { kind: 'items', oktmo: '97701000', org: 'x', list: 'all' }, { kind: 'item', key: 'accident:x1' }] as const;
    for (const s of screens) for (const c of showOnWallCommands(s, lookup, opts)) expect(ControlCommandSchema.safeParse(c).success).toBe(true);
  });
});
