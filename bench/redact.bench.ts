/**
 * The personal-data redactor (hub/redact.ts, issue 10) on the generated corpus of appeal texts
 * (test/support/pii-corpus.ts, a seed other than the tests'): texts per second of the full
 * appeal redaction (numbers, flats, plates, dates, names by morphology, houses), against a
 * baseline measured in the same run: one regular-expression pass over the same texts that
 * replaces every digit run (the floor any text scan pays). Also prints recall on names and
 * the false-positive rate, measured on this held-out corpus. Asserts nothing.
 */
import { redactAppealText } from '../hub/redact';
import { makeCorpus } from '../test/support/pii-corpus';

const N = Number(process.env.BENCH_TEXTS ?? 20_000);
const RUNS = 7;
const WARMUP = 2;
const { positive, negative } = makeCorpus(N, 4242);
const texts = [...positive.map((t) => t.text), ...negative];

function timeIt(fn: (s: string) => string): number {
  const times: number[] = [];
  for (let r = 0; r < RUNS + WARMUP; r++) {
    const t0 = performance.now();
    let sink = 0;
    for (const t of texts) sink += fn(t).length;
    const dt = performance.now() - t0;
    if (sink < 0) console.log(sink);
    if (r >= WARMUP) times.push(dt);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const baseline = timeIt((s) => s.replace(/\d+/g, '#'));
const ours = timeIt(redactAppealText);
let names = 0,
  namesFound = 0;
for (const t of positive) {
  const out = redactAppealText(t.text);
  for (const s of t.spans)
    if (s.kind === 'name') {
      names++;
      if (!s.text.split(/\s+/).some((w) => w.length > 2 && out.includes(w))) namesFound++;
    }
}
const fp = negative.filter((t) => redactAppealText(t) !== t).length;
const perS = (ms: number) => Math.round((texts.length / ms) * 1000);
console.log(`texts: ${texts.length} (${positive.length} with personal data, ${negative.length} without)`);
console.log(`baseline (one digit-run pass): ${perS(baseline).toLocaleString('en')} texts/s (${baseline.toFixed(1)} ms)`);
console.log(
  `redactAppealText:              ${perS(ours).toLocaleString('en')} texts/s (${ours.toFixed(1)} ms), ${(ours / baseline).toFixed(1)}× the baseline's time`,
);
console.log(
  `names found: ${namesFound} of ${names} (recall ${(namesFound / names).toFixed(4)}); false positives: ${fp} of ${negative.length} clean texts changed`,
);
