import { describe, it, expect } from 'vitest';
import { MUNICIPALITY_SETS } from './municipalities-data';
import { isInsideRepublicBounds, municipalities, municipalityByOktmo } from './municipality';
import type { MunicipalitySetId } from './municipality';

const SETS: readonly MunicipalitySetId[] = ['2025', '2023'];
/** City okrugs merged into the surrounding okrugs in 2024: Алатырь, Канаш, Шумерля. */
const MERGED_2024 = ['97704000', '97707000', '97713000'];

describe('municipality sets', () => {
  it('has 23 units since 2025 and 26 in 2023, the 2025 set by default', () => {
    expect(MUNICIPALITY_SETS['2025']).toHaveLength(23);
    expect(MUNICIPALITY_SETS['2023']).toHaveLength(26);
    expect(municipalities()).toBe(MUNICIPALITY_SETS['2025']);
    expect(municipalities('2023')).toBe(MUNICIPALITY_SETS['2023']);
  });

  it.each(SETS)('set %s: OKTMO codes are unique 8-digit codes of Chuvashia', (set) => {
    const codes = municipalities(set).map((m) => m.oktmo);
    for (const code of codes) expect(code).toMatch(/^97\d{6}$/);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(municipalities(set).map((m) => m.slug)).size).toBe(codes.length);
  });

  it('finds Чебоксары by OKTMO in both sets', () => {
    for (const set of SETS) {
      const m = municipalityByOktmo('97701000', set);
      expect(m?.shortName).toBe('Чебоксары');
      expect(m?.type).toBe('city_okrug');
    }
    expect(municipalityByOktmo('97000000')).toBeUndefined();
  });

  it.each(SETS)('set %s: every centre lies inside the republic bounds', (set) => {
    for (const m of municipalities(set)) {
      const [lon, lat] = m.centre;
      expect(isInsideRepublicBounds(lon, lat), `${m.shortName} ${lon},${lat}`).toBe(true);
    }
  });

  it('has no merged city okrug in 2025, but all of them in 2023', () => {
    for (const code of MERGED_2024) {
      expect(municipalityByOktmo(code, '2025')).toBeUndefined();
      expect(municipalityByOktmo(code, '2023')?.type).toBe('city_okrug');
    }
    expect(
      municipalities('2025')
        .filter((m) => m.type === 'city_okrug')
        .map((m) => m.shortName),
    ).toEqual(['Новочебоксарск', 'Чебоксары']);
  });

  it('maps every 2023 unit onto the 2025 set', () => {
    const codes2025 = new Set(municipalities('2025').map((m) => m.oktmo));
    const unmapped = municipalities('2023').filter((m) => !codes2025.has(m.oktmo));
    expect(unmapped.map((m) => m.oktmo).sort()).toEqual(MERGED_2024);
  });

  it.each(SETS)('set %s: populations are positive integers', (set) => {
    for (const m of municipalities(set)) {
      expect(Number.isInteger(m.population) && m.population > 0, m.shortName).toBe(true);
    }
  });

  it('adds the merged city to the population of its okrug in 2025', () => {
    for (const [okrug, city] of [
      ['97503000', '97704000'],
      ['97516000', '97707000'],
      ['97550000', '97713000'],
    ]) {
      const before = municipalityByOktmo(okrug, '2023')!.population + municipalityByOktmo(city, '2023')!.population;
      expect(municipalityByOktmo(okrug, '2025')?.population).toBe(before);
    }
  });

  it.each(SETS)('set %s is sorted by short name', (set) => {
    const names = municipalities(set).map((m) => m.shortName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'ru')));
  });
});
