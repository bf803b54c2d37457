import { describe, expect, it, vi } from 'vitest';
import { sectorIndex } from '../../app/domain/sector';
import { layerFilter, passes } from '../map/sector-filter';
import { cameraTarget, focusKey, focusOktmo, mapFilter, panelFocus, sceneMetric, targetKey } from './scene-view';

const NOW = Date.UTC(2025, 10, 20, 9);

describe('what a scene asks of the map and the worker', () => {
  it('flies to the municipality of a municipality scene, and to the whole republic otherwise', () => {
    expect(cameraTarget({ id: 'municipality', oktmo: '97701000' }, null, NOW)).toEqual({ kind: 'oktmo', oktmo: '97701000' });
    for (const scene of [{ id: 'overview' }, { id: 'housing' }, { id: 'sla' }, { id: 'ratings' }, { id: 'sector', sector: 'healthcare' }] as const) {
      expect(cameraTarget(scene, null, NOW)).toEqual({ kind: 'republic' });
    }
  });

  it('lets a live focus:set from the touch panel win, until it expires', () => {
    const focus = { oktmo: '97516000', until: NOW + 60_000 };
    expect(cameraTarget({ id: 'overview' }, focus, NOW)).toEqual({ kind: 'oktmo', oktmo: '97516000' });
    expect(cameraTarget({ id: 'overview' }, focus, NOW + 60_000)).toEqual({ kind: 'republic' });
    expect(cameraTarget(null, { point: [47.2, 56.1], until: NOW + 1 }, NOW)).toEqual({ kind: 'point', center: [47.2, 56.1] });
  });

  it('names the focused OKTMO for data-focus, empty for the republic', () => {
    expect(focusOktmo({ kind: 'oktmo', oktmo: '97701000' })).toBe('97701000');
    expect(focusOktmo({ kind: 'republic' })).toBe('');
    expect(targetKey({ kind: 'point', center: [47, 56] })).not.toBe(targetKey({ kind: 'republic' }));
  });

  it('shows the overdue choropleth in the SLA scene, the rating in the ratings scene, none elsewhere', () => {
    expect(sceneMetric({ id: 'sla' })).toBe('overdue');
    expect(sceneMetric({ id: 'ratings' })).toBe('rating');
    for (const scene of [{ id: 'overview' }, { id: 'housing' }, { id: 'sector', sector: 'roads' }, { id: 'municipality', oktmo: '97701000' }] as const)
      expect(sceneMetric(scene)).toBe('off');
  });

  it('filters the map to the sector of a sector scene, ЖКХ with its accidents; other scenes draw every sector', () => {
    expect(mapFilter({ id: 'sector', sector: 'roads' })).toEqual({ sector: 'roads' });
    expect(mapFilter({ id: 'housing' })).toEqual({ sector: 'housing' });
    for (const scene of [{ id: 'overview' }, { id: 'sla' }, { id: 'ratings' }, { id: 'municipality', oktmo: '97701000' }] as const)
      expect(mapFilter(scene)).toBeNull();
    expect(mapFilter(null)).toBeNull();
  });

  it('turns the scene filter into the GPU filter: its sector index passes, the others and the all-sector cells do not', () => {
    const roads = sectorIndex('roads');
    const housing = sectorIndex('housing');
    const f = layerFilter(mapFilter({ id: 'sector', sector: 'roads' }));
    expect(f).toMatchObject({ accidents: false, sector: roads, key: 'sector:roads' });
    expect(passes(f.points, roads)).toBe(true);
    expect(passes(f.points, housing)).toBe(false);
    expect(passes(f.points, roads + 1)).toBe(false);
    expect(passes(f.hexes, roads)).toBe(true);
    expect(passes(f.hexes, -1)).toBe(false);
    expect(layerFilter(mapFilter({ id: 'housing' }))).toMatchObject({ accidents: true, sector: housing });
    // Every sector: points unfiltered; hexagons only the cells that count every sector.
    const all = layerFilter(mapFilter({ id: 'overview' }));
    expect(all).toMatchObject({ accidents: true, sector: null, key: '' });
    for (let i = 0; i < 10; i++) expect(passes(all.points, i)).toBe(true);
    expect(passes(all.hexes, -1)).toBe(true);
    expect(passes(all.hexes, roads)).toBe(false);
    // A point of an unknown sector is coloured and filed as the last one (`other`)…
    expect(sectorIndex('nope')).toBe(sectorIndex('other'));
    // …but a filter naming a sector that is not configured shows every sector, with a warning.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(layerFilter({ sector: 'nope' })).toMatchObject({ sector: null, key: '', accidents: true });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('сферы «nope» нет в настройках'));
    warn.mockRestore();
  });

  it('asks the worker for the focused panels of sector, municipality and ЖКХ scenes', () => {
    expect(panelFocus({ id: 'sector', sector: 'roads' })).toEqual({ kind: 'sector', sector: 'roads' });
    expect(panelFocus({ id: 'municipality', oktmo: '97701000' })).toEqual({ kind: 'municipality', oktmo: '97701000' });
    expect(panelFocus({ id: 'housing' })).toEqual({ kind: 'sector', sector: 'housing' });
    expect(panelFocus({ id: 'sla' })).toBeNull();
    expect(focusKey(panelFocus({ id: 'housing' }))).toBe(focusKey(panelFocus({ id: 'sector', sector: 'housing' })));
  });
});
