/**
 * The ОИВ/ОМСУ ratings table (`buildRatings`, issue 5) as the renderer's feed worker computes
 * it every `ratings.refreshS`: two rolling 30-day periods of appeals, repeat complaints
 * included. Against a baseline measured in the same run: one pass that groups the same appeals
 * by org, the floor any rating must pay. Prints figures and the ratio; asserts nothing.
 *
 * Appeals: the hub's demo source (realistic places, sectors, titles, answer times, slow orgs),
 * several seeds side by side for the load of ≈ 1,600 appeals a day, points coarsened as the hub
 * stores them, through JSON as the worker receives them, sampled evenly down to each size.
 * `cold` rates fresh copies each run (the first refresh, or every appeal changed: nothing is
 * memoised on them yet, SLA clocks included); `warm` rates the same objects again (a refresh
 * with the feed unchanged, the usual case).
 *
 * `BENCH_SIZES=10000,50000` to change the sizes.
 */
import { DAY_MS, mskTime } from '../app/calendar/msk-time';
import type { Appeal } from '../app/domain/entity';
import { DEFAULT_PANELS_CONFIG } from '../app/panels/panels-config';
import { buildRatings } from '../app/panels/ratings-panel';
import { DemoSource } from '../hub/demo-source';
import { coarsen } from '../hub/redact';

const SIZES = (process.env.BENCH_SIZES ?? '10000,50000,100000').split(',').map(Number);
const RUNS = 7;
/** Runs first, unmeasured: the JIT settles over the first few. */
const WARMUP = 2;
/** A Friday noon: the rating runs over working and non-working days alike. */
const NOW = mskTime(2026, 2, 20, 12);
const PERIOD_DAYS = 30;

/** Demo appeals of the two periods before `NOW`, at least `n`, from as many seeds as that takes. */
function demoAppeals(n: number): Appeal[] {
  const out: Appeal[] = [];
  for (let seed = 1; out.length < n; seed++) {
    // The demo drops closed items older than 30 days, so each period is its own back-fill.
    for (const [k, end] of [NOW, NOW - PERIOD_DAYS * DAY_MS].entries()) {
      const change = new DemoSource({ seed: seed * 10 + k, speed: 1, backfillDays: PERIOD_DAYS }).backfill(end);
      for (const e of change.upserts) {
        if (e.kind !== 'appeal') continue;
        const [lon, lat] = coarsen(e.lon, e.lat);
        out.push({ ...e, lon, lat });
      }
    }
  }
  // As the worker holds them: parsed from the feed's JSON (flat strings, one object each).
  return JSON.parse(JSON.stringify(out)) as Appeal[];
}

/** `n` appeals spread evenly over the pool, in the pool's (feed) order. */
const sample = (pool: readonly Appeal[], n: number): Appeal[] => Array.from({ length: n }, (_, i) => pool[Math.floor((i * pool.length) / n)]!);

function median(fn: () => void, fresh?: () => void): number {
  for (let w = 0; w < WARMUP; w++) {
    fresh?.();
    fn();
  }
  const runs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    fresh?.();
    const t = performance.now();
    fn();
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  return runs[RUNS >> 1]!;
}

const t0 = performance.now();
const pool = demoAppeals(Math.max(...SIZES));
console.log(
  `ratings: buildRatings, default config (municipality, rolling ${PERIOD_DAYS} d + the ${PERIOD_DAYS} d before), ${pool.length} demo appeals generated in ${((performance.now() - t0) / 1000).toFixed(1)} s; median of ${RUNS}`,
);
console.log(
  `  ${'appeals'.padStart(8)} ${'baseline ms'.padStart(12)} ${'cold ms'.padStart(9)} ${'warm ms'.padStart(9)} ${'cold/base'.padStart(10)} ${'warm/base'.padStart(10)}  rated`,
);
for (const n of SIZES) {
  const appeals = sample(pool, n);
  const base = median(() => {
    const byOrg = new Map<string, Appeal[]>();
    for (const a of appeals) {
      const g = byOrg.get(a.org);
      if (g) g.push(a);
      else byOrg.set(a.org, [a]);
    }
  });
  let input = appeals;
  let rated = 0;
  // New objects each run: nothing memoised on the appeals carries over.
  const cold = median(
    () => void (rated = buildRatings(input, NOW, DEFAULT_PANELS_CONFIG).rated),
    () => void (input = appeals.map((a) => ({ ...a }))),
  );
  input = appeals;
  const warm = median(() => void buildRatings(input, NOW, DEFAULT_PANELS_CONFIG));
  const f = (ms: number) => ms.toFixed(1);
  console.log(
    `  ${String(n).padStart(8)} ${f(base).padStart(12)} ${f(cold).padStart(9)} ${f(warm).padStart(9)} ${`${(cold / base).toFixed(0)}×`.padStart(10)} ${`${(warm / base).toFixed(0)}×`.padStart(10)}  ${rated}`,
  );
}
