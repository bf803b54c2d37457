/**
 * A built-in playlist for tests and demonstrations (`&playlist=test`): every scene for 5 s
 * (the shortest dwell PlaylistSchema allows), all day, so a 30-second cycle starts at every
 * Moscow midnight plus a whole number of cycles: two windows can be seen switching together
 * within seconds.
 */
import { PlaylistSchema, type Playlist } from '../../app/scenes/playlist';

export const TEST_PLAYLIST: Playlist = PlaylistSchema.parse({
  dayparts: [
    {
      id: 'test',
      label: 'Тест',
      from: '00:00',
      to: '00:00',
      dwellS: 5,
      scenes: ['overview', 'housing', 'sla', 'ratings', 'sector:healthcare', 'municipality:97701000'],
    },
  ],
});
