import { describe, expect, it } from 'vitest';
import { hiddenRowsNote } from './hidden-rows';

describe('hiddenRowsNote: a heading never stands over rows that are not there', () => {
  it('says how many rows did not fit: «ещё N» under shown ones, «N не поместились» when none fits', () => {
    expect(hiddenRowsNote(0, 4)).toBe('');
    expect(hiddenRowsNote(2, 4)).toBe('ещё 2');
    expect(hiddenRowsNote(4, 4)).toBe('4 не поместились');
  });
});
