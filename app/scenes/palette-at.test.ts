import { describe, expect, it } from 'vitest';
import { mskTime } from '../calendar/msk-time';
import { paletteAt } from './palette-at';
import { DEFAULT_PLAYLIST, PlaylistSchema } from './playlist';

describe('paletteAt', () => {
  it('follows the default playlist: night palette 22:00–07:00 Moscow time, day otherwise', () => {
    const at = (h: number, m = 0) => paletteAt(DEFAULT_PLAYLIST, mskTime(2026, 12, 7, h, m));
    expect([at(6, 59), at(7), at(12), at(21, 59), at(22), at(23, 30), at(0), at(3)]).toEqual([
      'night',
      'day',
      'day',
      'day',
      'night',
      'night',
      'night',
      'night',
    ]);
  });

  it('is day for a daypart that names no palette', () => {
    const p = PlaylistSchema.parse({ dayparts: [{ id: 'all', from: '00:00', to: '00:00', scenes: ['overview'] }] });
    expect(paletteAt(p, mskTime(2026, 12, 7, 23))).toBe('day');
  });
});
