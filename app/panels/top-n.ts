/**
 * The N smallest of a stream by (score, tie), kept sorted: O(1) to reject a candidate once N
 * are held, so top-N lists over 100k entities cost one comparison for most of them, and a
 * value is only built for a candidate that gets in (`bound` or `accepts` first, then `add`).
 */

/** A bounded ascending list by (score, tie). */
export interface TopN<V> {
  /** True when (score, tie) would enter the list now. */
  accepts(score: number, tie: string): boolean;
  /** Inserts the value if it enters; the largest falls out when full. */
  add(score: number, tie: string, value: V): void;
  /**
   * The largest score held once full, else +Infinity: a candidate with a larger score cannot
   * enter, so a caller can skip building its tie key.
   */
  bound(): number;
  /** The values, smallest first. */
  values(): V[];
}

/** A top-N list of at most `limit` values; ties on score are broken by `tie` ascending. */
export function createTopN<V>(limit: number): TopN<V> {
  const scores: number[] = [];
  const ties: string[] = [];
  const vals: V[] = [];
  const less = (s: number, t: string, i: number) => s < scores[i]! || (s === scores[i]! && t < ties[i]!);
  const accepts = (score: number, tie: string) => limit > 0 && (vals.length < limit || less(score, tie, vals.length - 1));
  return {
    accepts,
    add(score, tie, value) {
      if (!accepts(score, tie)) return;
      let i = vals.length;
      while (i > 0 && less(score, tie, i - 1)) i--;
      scores.splice(i, 0, score);
      ties.splice(i, 0, tie);
      vals.splice(i, 0, value);
      if (vals.length > limit) {
        scores.pop();
        ties.pop();
        vals.pop();
      }
    },
    bound: () => (vals.length < limit ? Infinity : limit > 0 ? scores[vals.length - 1]! : -Infinity),
    values: () => vals.slice(),
  };
}
