import { describe, expect, it } from 'vitest';
import { applyControl, initialControlState } from '../../app/protocol/control';
import { parseControlState } from './control-state';

const NOW = Date.UTC(2025, 10, 20, 9);

describe('control:state at the worker boundary', () => {
  it('takes the hub state after any command', () => {
    let s = initialControlState(NOW);
    s = applyControl(s, { type: 'alarm:ack', alarmId: 'a:1' }, NOW);
    s = applyControl(s, { type: 'scene:set', scene: { id: 'municipality', oktmo: '97701000' } }, NOW);
    s = applyControl(s, { type: 'focus:set', oktmo: '97516000' }, NOW);
    s = applyControl(s, { type: 'replay:start', from: NOW - 3_600_000, speed: 60 }, NOW);
    expect(parseControlState(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it('drops what is not a control state', () => {
    for (const bad of [null, 42, {}, { ...initialControlState(NOW), acknowledged: 'all' }, { ...initialControlState(NOW), scene: { scene: { id: 'nope' }, until: 1 } }, { ...initialControlState(NOW), replay: { from: NOW, speed: -1, startedAt: NOW } }]) {
      expect(parseControlState(bad)).toBeNull();
    }
  });
});
