import { describe, expect, it } from 'vitest';
import type { Accident, Weather } from '../../../app/domain/entity';
import { ACCIDENT_ACTIVE_LOOK, ACCIDENT_PLANNED_LOOK } from '../../../app/ui/map-look';
import { BufferPool } from './buffer-pool';
import { MapEncoder } from './map-encoder';

// Issue 11: planned outages are drawn apart from accidents; weather readings are not drawn.
const T0 = Date.UTC(2026, 6, 6, 9);
const accident = (id: string, over: Partial<Accident> = {}): Accident => ({
  kind: 'accident',
  id,
  version: 1,
  municipality: '97701000',
  lon: 47.3,
  lat: 56.1,
  resource: 'hot_water',
  status: 'active',
  address: 'a',
  operator: 'op',
  residents: 1200,
  buildings: 4,
  socialObjects: 0,
  startedAt: T0,
  plannedRestoreAt: T0 + 5 * 86_400_000,
  ...over,
});
const weather: Weather = { kind: 'weather', id: 'w', version: 1, lon: 47.1, lat: 55.5, at: T0, temperatureC: 21 };

describe('planned outages and weather on the map', () => {
  it('a planned outage is a blue disk that never pulses; an accident stays red and pulsing', () => {
    const enc = new MapEncoder({ municipalitySet: '2025' });
    enc.reset([accident('emergency'), accident('works', { nature: 'planned', lon: 47.2 })], T0 + 3_600_000);
    const f = enc.flush(new BufferPool())!.accidents!;
    expect(f.count).toBe(2);
    const fills = [0, 1].map((i) => [...f.fillColors.slice(4 * i, 4 * i + 4)]);
    const planned = fills.findIndex((c) => c.join() === ACCIDENT_PLANNED_LOOK.fill.join());
    expect(planned).toBeGreaterThanOrEqual(0);
    expect(fills[1 - planned]).toEqual([...ACCIDENT_ACTIVE_LOOK.fill]);
    expect(f.pulseStarts[planned]).toBe(-1);
    expect(f.pulseStarts[1 - planned]).toBe(0);
  });

  it('ignores weather readings: nothing drawn, nothing counted', () => {
    const enc = new MapEncoder({ municipalitySet: '2025' });
    enc.reset([weather], T0);
    enc.upsert({ ...weather, version: 2 }, T0, 1);
    enc.remove({ kind: 'weather', id: 'w' });
    expect(enc.takeCounts()).toMatchObject({ appeals: 0, accidents: 0 });
    const f = enc.flush(new BufferPool(), { all: true })!;
    expect(f.accidents!.count).toBe(0);
    expect(f.appeals!.count).toBe(0);
  });
});
