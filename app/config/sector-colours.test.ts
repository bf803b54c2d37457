import { describe, expect, it } from 'vitest';
import { DEFAULT_SECTORS } from '../domain/sector';
import { checkSectorColours, contrast, deltaE, hexOf, MAP_BACKGROUND, MIN_CONTRAST, MIN_DELTA_E } from './sector-colours';

describe('colour maths', () => {
  it('contrast: black on white is 21:1, a colour with itself 1:1', () => {
    expect(contrast([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrast([12, 200, 40], [12, 200, 40])).toBe(1);
  });

  it('ΔE*76: black to white is 100; red and green are far apart for normal vision, close for a deuteranope', () => {
    expect(deltaE([0, 0, 0], [255, 255, 255])).toBeCloseTo(100, 1);
    const red: [number, number, number] = [200, 80, 60];
    const green: [number, number, number] = [110, 130, 40];
    expect(deltaE(red, green)).toBeGreaterThan(MIN_DELTA_E * 3);
    expect(deltaE(red, green, 'deuteranopia')).toBeLessThan(MIN_DELTA_E);
  });

  it('hexOf', () => {
    expect(hexOf([14, 23, 39])).toBe('#0e1727');
  });
});

describe('checkSectorColours', () => {
  it('the built-in sectors all stand out from the map; the one close pair is named (blue of «Дороги» and lilac of «Соцзащита» for a deuteranope)', () => {
    const checks = checkSectorColours(DEFAULT_SECTORS);
    for (const c of checks) expect(c.contrast).toBeGreaterThanOrEqual(MIN_CONTRAST);
    const flagged = checks.filter((c) => c.warnings.length > 0).map((c) => c.id);
    expect(flagged.sort()).toEqual(['roads', 'social']);
    expect(checks.find((c) => c.id === 'roads')!.nearest).toMatchObject({ id: 'social', vision: 'deuteranopia' });
    expect(checks.find((c) => c.id === 'roads')!.warnings[0]).toMatch(/почти не отличается от сектора «Соцзащита» \(дейтеранопия: ΔE/);
  });

  it('a colour too dark for the map is flagged for contrast', () => {
    const [c] = checkSectorColours([
      { id: 'x', label: 'X', color: [20, 30, 60] },
      { id: 'y', label: 'Y', color: [250, 250, 250] },
    ]);
    expect(c!.contrast).toBeLessThan(MIN_CONTRAST);
    expect(c!.warnings[0]).toMatch(/^контраст с фоном карты 1\.\d:1 — меньше 3:1/);
  });

  it('a new sector in the same colour as an old one is flagged for both, under normal vision', () => {
    const checks = checkSectorColours([...DEFAULT_SECTORS.slice(0, 3), { id: 'parks', label: 'Парки', color: [0, 158, 115] }]);
    const parks = checks.find((c) => c.id === 'parks')!;
    expect(parks.nearest).toMatchObject({ id: 'improvement', deltaE: 0 });
    expect(parks.warnings.some((w) => w.includes('«Благоустройство»'))).toBe(true);
  });

  it('a red–green pair passes for normal vision but not for a colour-blind viewer', () => {
    const checks = checkSectorColours(
      [
        { id: 'r', label: 'R', color: [200, 80, 60] },
        { id: 'g', label: 'G', color: [110, 130, 40] },
      ],
      MAP_BACKGROUND,
    );
    expect(checks[0]!.nearest!.vision).not.toBe('normal');
    expect(checks[0]!.warnings.length).toBe(1);
  });

  it('a single sector has no neighbour', () => {
    expect(checkSectorColours([{ id: 'a', label: 'A', color: [230, 159, 0] }])[0]!.nearest).toBeNull();
  });
});
