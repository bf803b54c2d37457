/** Russian formatting for the wall, always in the region's time zone (Europe/Moscow). */
const TZ = 'Europe/Moscow';
const timeFmt = new Intl.DateTimeFormat('ru-RU', { timeZone: TZ, hour: '2-digit', minute: '2-digit', second: '2-digit' });
const shortTimeFmt = new Intl.DateTimeFormat('ru-RU', { timeZone: TZ, hour: '2-digit', minute: '2-digit' });
const dateFmt = new Intl.DateTimeFormat('ru-RU', { timeZone: TZ, weekday: 'short', day: 'numeric', month: 'long' });
const intFmt = new Intl.NumberFormat('ru-RU');

export const formatTime = (t: number): string => timeFmt.format(t);
export const formatShortTime = (t: number): string => shortTimeFmt.format(t);
export const formatDate = (t: number): string => dateFmt.format(t);
export const formatInt = (n: number): string => intFmt.format(n);

/** «12 с», «5 мин», «2 ч 10 мин»: the age of data. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} с`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} мин`;
  return `${Math.floor(m / 60)} ч ${m % 60} мин`;
}
