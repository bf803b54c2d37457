/**
 * Retry timing for windows that lose their page (renderer crash, hub unreachable at boot).
 * Pure so the watchdog issue can reuse and test it.
 */

/** Delay before retry number `attempt` (0-based): 1 s, 2 s, 4 s, … capped at `maxMs`. */
export function backoffDelay(attempt: number, baseMs = 1_000, maxMs = 60_000): number {
  const n = Number.isFinite(attempt) ? Math.max(0, Math.floor(attempt)) : 0;
  return Math.min(maxMs, baseMs * 2 ** Math.min(n, 30));
}

/**
 * Consecutive failures after one more failure: a page that stayed up for `stableMs` is
 * considered healthy again, so an occasional crash a day later restarts the backoff at 1 s,
 * while a crash loop keeps slowing down.
 */
export function nextFailureCount(previous: number, aliveMs: number, stableMs = 60_000): number {
  return aliveMs >= stableMs ? 1 : previous + 1;
}
