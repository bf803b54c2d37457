import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { municipalities } from '../domain/municipality';
import { DEFAULT_SECTORS } from '../domain/sector';
import { parseSceneKey, SceneSchema, sceneKey, sceneTitle, type Scene } from './scene';

const arbScene: fc.Arbitrary<Scene> = fc.oneof(
  fc.constantFrom<Scene>({ id: 'overview' }, { id: 'housing' }, { id: 'sla' }, { id: 'ratings' }),
  fc.constantFrom(...DEFAULT_SECTORS).map((s): Scene => ({ id: 'sector', sector: s.id })),
  fc.constantFrom(...municipalities('2025')).map((m): Scene => ({ id: 'municipality', oktmo: m.oktmo })),
);

describe('scenes', () => {
  it('the string form round-trips for every scene (config shorthand and data-scene agree)', () => {
    fc.assert(
      fc.property(arbScene, (scene) => {
        expect(parseSceneKey(sceneKey(scene))).toEqual(scene);
      }),
    );
  });

  it('accepts both the object and the string form in config', () => {
    expect(SceneSchema.parse('sector:healthcare')).toEqual({ id: 'sector', sector: 'healthcare' });
    expect(SceneSchema.parse({ id: 'municipality', oktmo: '97701000' })).toEqual({ id: 'municipality', oktmo: '97701000' });
    expect(sceneKey({ id: 'municipality', oktmo: '97701000' })).toBe('municipality:97701000');
  });

  it('rejects unknown scenes, focus scenes without a target and codes outside the 2025 set', () => {
    for (const bad of ['map', 'overview:x', 'sector', 'sector:', 'municipality:97704000', 'municipality:12345678', 'sector:a:b', { id: 'sla', extra: 1 }]) {
      expect(SceneSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('titles are Russian and follow the sector configuration', () => {
    expect(sceneTitle({ id: 'overview' })).toBe('Обстановка в республике');
    expect(sceneTitle({ id: 'sector', sector: 'healthcare' })).toBe('Здравоохранение');
    expect(sceneTitle({ id: 'sector', sector: 'culture' }, [{ id: 'culture', label: 'Культура', color: [1, 2, 3] }])).toBe('Культура');
    expect(sceneTitle({ id: 'sector', sector: 'unknown' })).toBe('unknown');
    expect(sceneTitle({ id: 'municipality', oktmo: '97701000' })).toBe('Чебоксары');
  });
});
