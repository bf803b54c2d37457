import { describe, expect, it } from 'vitest';
import { ACCIDENT_RESOURCES, AccidentSchema, APPEAL_CHANNELS, APPEAL_STATUSES, AppealSchema, EntitySchema } from '../../app/domain/entity';
import { makeAccident, makeAppeal } from './entities';

describe('entity factories', () => {
  it('the defaults are valid entities, unchanged by the schemas', () => {
    expect(AppealSchema.parse(makeAppeal())).toEqual(makeAppeal());
    expect(AccidentSchema.parse(makeAccident())).toEqual(makeAccident());
    expect(EntitySchema.parse(makeAppeal()).kind).toBe('appeal');
    expect(EntitySchema.parse(makeAccident()).kind).toBe('accident');
  });

  it('stay valid with every channel, status and resource', () => {
    for (const channel of APPEAL_CHANNELS)
      for (const status of APPEAL_STATUSES) expect(AppealSchema.safeParse(makeAppeal({ channel, status })).success).toBe(true);
    for (const resource of ACCIDENT_RESOURCES)
      expect(AccidentSchema.safeParse(makeAccident({ resource, status: 'resolved', restoredAt: makeAccident().plannedRestoreAt })).success).toBe(true);
  });

  it('overrides win, and every call returns a fresh object', () => {
    const a = makeAppeal({ id: 'x', channel: 'pos', dueAt: 5 });
    expect(a).toMatchObject({ kind: 'appeal', id: 'x', channel: 'pos', dueAt: 5 });
    expect(makeAccident({ residents: 7 }).residents).toBe(7);
    a.title = 'changed';
    expect(makeAppeal().title).not.toBe('changed');
    expect(makeAppeal()).not.toBe(makeAppeal());
  });
});
