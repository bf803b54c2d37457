/** Legend text of choropleth class `i` from its breaks: «до 5», «5–10», «20 и более». */
export function formatBreak(breaks: readonly number[], i: number): string {
  const f = (x: number) => x.toLocaleString('ru-RU', { maximumFractionDigits: 1 });
  if (breaks.length === 0) return '';
  if (i === 0) return `до ${f(breaks[0]!)}`;
  if (i >= breaks.length) return `${f(breaks[breaks.length - 1]!)} и более`;
  return `${f(breaks[i - 1]!)}–${f(breaks[i]!)}`;
}
