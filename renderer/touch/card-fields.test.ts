import { describe, expect, it } from 'vitest';
import { ENTITY_TIME, makeAccident } from '../../test/support/entities';
import { cardFields } from './card-fields';

const without = (residents: number, buildings: number) =>
  cardFields(makeAccident({ residents, buildings, socialObjects: 1 }), ENTITY_TIME + 3_600_000).find((f) => f.label === 'Без ресурса')?.value;

describe('accident card: residents', () => {
  it('says «нет данных» when the residents are unknown (houses cut, no one counted), never «0 жителей»', () => {
    expect(without(0, 3)).toBe('жителей: нет данных, 3 домов, 1 соцобъектов');
    expect(without(0, 3)).not.toMatch(/0 жителей/);
  });

  it('gives the figure when it is known, a real zero (no houses) included', () => {
    expect(without(900, 4)).toBe('900 жителей, 4 домов, 1 соцобъектов');
    expect(without(0, 0)).toBe('0 жителей, 0 домов, 1 соцобъектов');
  });
});
