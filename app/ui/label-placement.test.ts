import { describe, expect, it } from 'vitest';
import { municipalities } from '../domain/municipality';
import { overlaps, placeLabels, type LabelInput } from './label-placement';

const label = (id: string, x: number, y: number, priority = 0, text = id): LabelInput => ({ id, text, x, y, priority });

function noOverlap(boxes: ReadonlyArray<{ box: { l: number; t: number; r: number; b: number } }>): boolean {
  return boxes.every((a, i) => boxes.every((b, j) => i === j || !overlaps(a.box, b.box)));
}

describe('placeLabels', () => {
  it('puts a lone label on its point, without a leader', () => {
    const { placed, dropped } = placeLabels([label('Канаш', 100, 100)], { fontSize: 10 });
    expect(dropped).toEqual([]);
    expect(placed[0]).toMatchObject({ cx: 100, cy: 100, leader: null });
  });

  it('moves the lower priority of two labels on one point next to it, the higher keeps the point', () => {
    const { placed } = placeLabels([label('Новочебоксарск', 100, 100, 1), label('Чебоксары', 100, 102, 2)], { fontSize: 10 });
    const byId = Object.fromEntries(placed.map((p) => [p.id, p]));
    expect(byId['Чебоксары']).toMatchObject({ cx: 100, cy: 102 });
    expect(byId['Новочебоксарск']!.cy).not.toBe(100);
    expect(noOverlap(placed)).toBe(true);
  });

  it('drops the lowest priorities when there is no room at all, never a higher one', () => {
    const crowd = Array.from({ length: 12 }, (_, i) => label(`m${i}`, 50, 50, 12 - i, 'Красноармейский'));
    const { placed, dropped } = placeLabels(crowd, { fontSize: 10, bounds: { l: 0, t: 0, r: 100, b: 100 } });
    expect(noOverlap(placed)).toBe(true);
    expect(dropped.length).toBeGreaterThan(0);
    const kept = new Set(placed.map((p) => p.id));
    const worstKept = Math.min(...crowd.filter((c) => kept.has(c.id)).map((c) => c.priority));
    for (const id of dropped) expect(crowd.find((c) => c.id === id)!.priority).toBeLessThan(worstKept);
  });

  it('draws a leader from the point to a label placed away from it', () => {
    const ring = [
      label('a', 50, 50, 9, 'центр'),
      ...[
        [0, -1],
        [0, 1],
        [1, 0],
        [-1, 0],
        [1, -1],
        [-1, -1],
        [1, 1],
        [-1, 1],
      ].map(([dx, dy], i) => label(`n${i}`, 50 + dx! * 40, 50 + dy! * 14, 8, 'сосед')),
    ];
    const { placed } = placeLabels([...ring, label('z', 50, 50, 0, 'последний')], { fontSize: 10 });
    const z = placed.find((p) => p.id === 'z');
    expect(z?.leader).toMatchObject({ x1: 50, y1: 50 });
    expect(noOverlap(placed)).toBe(true);
  });

  it('keeps labels inside the bounds', () => {
    const { placed } = placeLabels([label('Алатырь', 2, 98)], { fontSize: 10, bounds: { l: 0, t: 0, r: 100, b: 100 } });
    const b = placed[0]!.box;
    expect(b.l).toBeGreaterThanOrEqual(0);
    expect(b.b).toBeLessThanOrEqual(100);
  });

  it('places the 23 municipalities of Chuvashia without overlap at every zoom of the touch map', () => {
    const ms = municipalities('2025');
    const lons = ms.map((m) => m.centre[0]);
    const lats = ms.map((m) => m.centre[1]);
    const [w, e, s, n] = [Math.min(...lons) - 0.3, Math.max(...lons) + 0.3, Math.min(...lats) - 0.2, Math.max(...lats) + 0.2];
    const unit = 1000 / ((e - w) * Math.cos((55.5 * Math.PI) / 180));
    const input = ms.map((m) =>
      label(
        m.oktmo,
        (m.centre[0] - w) * Math.cos((55.5 * Math.PI) / 180) * unit,
        (n - m.centre[1]) * unit,
        (m.type === 'city_okrug' ? 1e7 : 0) + m.population,
        m.shortName,
      ),
    );
    for (const scale of [1, 1.5, 2, 3, 4, 6, 8]) {
      const { placed, dropped } = placeLabels(input, { fontSize: 24 / Math.sqrt(scale), bounds: { l: 0, t: 0, r: 1000, b: (n - s) * unit } });
      expect(noOverlap(placed), `scale ${scale}`).toBe(true);
      expect(placed.length + dropped.length).toBe(23);
      // City okrugs (Чебоксары, Новочебоксарск, Канаш, Алатырь, Шумерля) are always labelled.
      for (const m of ms.filter((x) => x.type === 'city_okrug'))
        expect(
          placed.some((p) => p.id === m.oktmo),
          `${m.shortName} @${scale}`,
        ).toBe(true);
    }
  });
});
