/**
 * Poisson tail probabilities, computed term by term in log space so that the tiny p-values a
 * surge gives (1e-12 and below) stay exact enough to compare against a threshold.
 */

const LN_FACT: number[] = [0];
function lnFactorial(n: number): number {
  for (let i = LN_FACT.length; i <= n; i++) LN_FACT.push(LN_FACT[i - 1]! + Math.log(i));
  return LN_FACT[n]!;
}

/** ln P(X = k) for X ~ Poisson(mu). */
function lnPmf(k: number, mu: number): number {
  if (mu <= 0) return k === 0 ? 0 : -Infinity;
  return -mu + k * Math.log(mu) - lnFactorial(k);
}

/**
 * P(X ≥ k) for X ~ Poisson(mu): how unlikely `k` or more events are when `mu` are expected.
 * @example poissonUpper(12, 1) ≈ 1.1e-9
 */
export function poissonUpper(k: number, mu: number): number {
  if (k <= 0) return 1;
  if (mu <= 0) return 0;
  // Below the mean the upper tail is large: take the complement of the lower one.
  if (k <= mu) return Math.max(0, 1 - poissonLower(k - 1, mu));
  let sum = 0;
  for (let i = k; i < k + 1000; i++) {
    const term = Math.exp(lnPmf(i, mu));
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return Math.min(1, sum);
}

/**
 * P(X ≤ k) for X ~ Poisson(mu): how unlikely so few events are (a source fallen silent).
 * @example poissonLower(0, 14) ≈ 8.3e-7
 */
export function poissonLower(k: number, mu: number): number {
  if (k < 0) return 0;
  if (mu <= 0) return 1;
  let sum = 0;
  for (let i = 0; i <= k; i++) sum += Math.exp(lnPmf(i, mu));
  return Math.min(1, sum);
}
