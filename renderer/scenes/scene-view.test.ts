import { describe, expect, it } from 'vitest';
import { cameraTarget, focusKey, focusOktmo, panelFocus, sceneMetric, targetKey } from './scene-view';

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

  it('shows the overdue choropleth in the SLA scene only', () => {
    expect(sceneMetric({ id: 'sla' })).toBe('overdue');
    expect(sceneMetric({ id: 'overview' })).toBe('off');
    expect(sceneMetric({ id: 'ratings' })).toBe('off');
  });

  it('asks the worker for the focused panels of sector, municipality and ЖКХ scenes', () => {
    expect(panelFocus({ id: 'sector', sector: 'roads' })).toEqual({ kind: 'sector', sector: 'roads' });
    expect(panelFocus({ id: 'municipality', oktmo: '97701000' })).toEqual({ kind: 'municipality', oktmo: '97701000' });
    expect(panelFocus({ id: 'housing' })).toEqual({ kind: 'sector', sector: 'housing' });
    expect(panelFocus({ id: 'sla' })).toBeNull();
    expect(focusKey(panelFocus({ id: 'housing' }))).toBe(focusKey(panelFocus({ id: 'sector', sector: 'housing' })));
  });
});
