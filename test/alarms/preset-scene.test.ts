import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYLIST } from '../../app/scenes/playlist';
import { resolveScene } from '../../app/scenes/resolve-scene';
import { presetFor } from '../../renderer/alarms/active-alarm';

const NOW = Date.UTC(2026, 11, 7, 9);
const preset = { id: 'r1', scene: { id: 'housing' as const }, screens: ['left'], since: NOW };

describe('wall presets in the scene resolution (issue 15)', () => {
  it('command > alarm > preset > playlist; the alarm holding a preset shows the preset scene on its screens', () => {
    const alarm = { id: 'r1', scene: { id: 'municipality' as const, oktmo: '97701000' }, since: NOW };
    expect(resolveScene({ playlist: DEFAULT_PLAYLIST, now: NOW, alarm, preset })).toMatchObject({ scene: { id: 'housing' }, source: 'alarm' });
    // Another alarm keeps its own scene over the preset.
    expect(resolveScene({ playlist: DEFAULT_PLAYLIST, now: NOW, alarm: { ...alarm, id: 'r2' }, preset })).toMatchObject({
      scene: { id: 'municipality' },
      source: 'alarm',
    });
    // Acknowledged: the preset holds the screen, with no end time, until the alarm is cleared.
    expect(resolveScene({ playlist: DEFAULT_PLAYLIST, now: NOW, preset })).toMatchObject({
      scene: { id: 'housing' },
      source: 'preset',
      endsAt: null,
      alarm: null,
    });
    expect(resolveScene({ playlist: DEFAULT_PLAYLIST, now: NOW, preset, command: { scene: { id: 'sla' }, until: NOW + 1 } })).toMatchObject({
      scene: { id: 'sla' },
      source: 'command',
    });
    expect(resolveScene({ playlist: DEFAULT_PLAYLIST, now: NOW, preset: null }).source).toBe('playlist');
  });

  it('a preset names its screens; null names every screen; the first (most urgent) wins', () => {
    const everywhere = { ...preset, id: 'r2', scene: { id: 'sla' as const }, screens: null };
    expect(presetFor([preset, everywhere], 'left')?.id).toBe('r1');
    expect(presetFor([preset, everywhere], 'right')?.id).toBe('r2');
    expect(presetFor([preset], 'right')).toBeNull();
    expect(presetFor(undefined, 'left')).toBeNull();
  });
});
