import { describe, expect, it } from 'vitest';
import type { Entity } from '../../app/domain/entity';
import { applyControl, ControlCommandSchema, initialControlState } from '../../app/protocol/control';
import { RETURN_WALL, showOnWallCommand } from './wall-commands';
import { makeAccident } from '../../test/support/entities';

const item: Entity = makeAccident({
  id: 'x1',
  municipality: '97707000',
  lon: 47.5,
  lat: 55.5,
  address: 'ул. Ленина, 1',
  operator: 'ТГК-5',
  residents: 10,
  buildings: 1,
  startedAt: 1,
  plannedRestoreAt: 2,
});
const lookup = (k: string) => (k === 'accident:x1' ? item : undefined);
const opts = { durationS: 120, withScene: true };

describe('«Показать на стене»', () => {
  it('focuses a municipality, with its scene when asked, in one command', () => {
    expect(showOnWallCommand({ kind: 'municipality', oktmo: '97516000' }, lookup, opts)).toEqual({
      type: 'wall:show',
      focus: { oktmo: '97516000', label: 'Канашский' },
      scene: { id: 'municipality', oktmo: '97516000' },
      durationS: 120,
    });
    // Without the scene, the scene on the wall is left as it is.
    expect(showOnWallCommand({ kind: 'municipality', oktmo: '97516000' }, lookup, { ...opts, withScene: false })).not.toHaveProperty('scene');
  });

  it('focuses an item on its point, its 2023 city code shown as the 2025 okrug scene', () => {
    const cmd = showOnWallCommand({ kind: 'item', key: 'accident:x1' }, lookup, opts);
    expect(cmd).toMatchObject({
      type: 'wall:show',
      focus: { point: [47.5, 55.5], label: 'Авария: отопление' },
      scene: { id: 'municipality', oktmo: '97516000' },
    });
    expect(showOnWallCommand({ kind: 'item', key: 'gone' }, lookup, opts)).toBeNull();
  });

  it('the republic clears the focus and puts the overview up; «Вернуть стену» clears both', () => {
    let s = applyControl(initialControlState(0), { type: 'focus:set', oktmo: '97701000' }, 0);
    s = applyControl(s, showOnWallCommand({ kind: 'republic' }, lookup, opts)!, 0);
    expect([s.focus, s.scene?.scene]).toEqual([null, { id: 'overview' }]);
    s = applyControl(s, RETURN_WALL, 0);
    expect([s.focus, s.scene]).toEqual([null, null]);
  });

  it('only ever sends commands the hub accepts', () => {
    const screens = [
      { kind: 'republic' },
      { kind: 'municipality', oktmo: '97516000' },
      { kind: 'org', oktmo: '97701000', org: 'oiv-minzdrav' },
      { kind: 'items', oktmo: '97701000', org: 'x', list: 'all' },
      { kind: 'item', key: 'accident:x1' },
    ] as const;
    for (const s of screens) expect(ControlCommandSchema.safeParse(showOnWallCommand(s, lookup, opts)).success).toBe(true);
    expect(ControlCommandSchema.safeParse(RETURN_WALL).success).toBe(true);
  });
});
