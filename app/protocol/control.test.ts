import { describe, expect, it } from 'vitest';
import { applyControl, ControlCommandSchema, initialControlState, parseControlState } from './control';

const NOW = Date.UTC(2025, 10, 20, 9);

describe('control:state at a client boundary (wall worker, touch panel, presenter)', () => {
  it('takes the hub state after any command', () => {
    let s = initialControlState(NOW);
    s = applyControl(s, { type: 'alarm:ack', alarmId: 'a:1' }, NOW);
    s = applyControl(s, { type: 'scene:set', scene: { id: 'municipality', oktmo: '97701000' } }, NOW);
    s = applyControl(s, { type: 'focus:set', oktmo: '97516000' }, NOW);
    s = applyControl(s, { type: 'replay:start', from: NOW - 3_600_000, speed: 60 }, NOW);
    s = applyControl(s, { type: 'script:step', script: 'weekly', step: 2 }, NOW);
    s = applyControl(s, { type: 'wall:show', focus: { point: [47.25, 56.12], label: 'Авария' } }, NOW);
    expect(parseControlState(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it('reads a hub from before replays and scripts as live, without a script', () => {
    const { replay: _r, script: _s, ...old } = initialControlState(NOW);
    expect(parseControlState(old)).toEqual(initialControlState(NOW));
  });

  it('drops what is not a control state', () => {
    const base = initialControlState(NOW);
    for (const bad of [
      null,
      42,
      {},
      { ...base, acknowledged: 'all' },
      { ...base, scene: { scene: { id: 'nope' }, until: 1 } },
      { ...base, replay: { from: NOW, speed: -1, startedAt: NOW } },
      // One OKTMO pattern for commands and state: a municipality of the republic (97…).
      { ...base, focus: { oktmo: '12345678', until: NOW } },
    ]) {
      expect(parseControlState(bad)).toBeNull();
    }
  });
});

describe('wall:show: focus and scene in one command', () => {
  const base = applyControl(
    applyControl(initialControlState(NOW), { type: 'scene:set', scene: { id: 'sla' } }, NOW),
    { type: 'focus:set', oktmo: '97701000' },
    NOW,
  );

  it('sets both at once: one rev, the same end', () => {
    const s = applyControl(
      base,
      { type: 'wall:show', focus: { oktmo: '97516000', label: 'Канашский' }, scene: { id: 'municipality', oktmo: '97516000' }, durationS: 60 },
      NOW + 1000,
    );
    expect(s.rev).toBe(base.rev + 1);
    expect(s.focus).toEqual({ oktmo: '97516000', label: 'Канашский', until: NOW + 61_000 });
    expect(s.scene).toEqual({ scene: { id: 'municipality', oktmo: '97516000' }, until: NOW + 61_000 });
  });

  it('clears with null and leaves alone what it does not name', () => {
    const focusOnly = applyControl(base, { type: 'wall:show', focus: { point: [47.5, 55.5] } }, NOW);
    expect(focusOnly.scene).toEqual(base.scene);
    const back = applyControl(base, { type: 'wall:show', focus: null, scene: null }, NOW);
    expect([back.focus, back.scene]).toEqual([null, null]);
  });

  it('refuses a focus without a municipality or a point, and any other key', () => {
    expect(ControlCommandSchema.safeParse({ type: 'wall:show', focus: { label: 'где-то' } }).success).toBe(false);
    expect(ControlCommandSchema.safeParse({ type: 'wall:show', focus: { oktmo: '97516000', extra: 1 } }).success).toBe(false);
    expect(ControlCommandSchema.safeParse({ type: 'wall:show', focus: { oktmo: '45000000' } }).success).toBe(false);
    expect(ControlCommandSchema.safeParse({ type: 'wall:show', focus: { oktmo: '97516000' }, scene: { id: 'overview' } }).success).toBe(true);
  });
});
