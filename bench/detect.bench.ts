/**
 * Spike and silence detection on a month of demo data (issue 15): the false-alarm rate with no
 * injected surge (target ≤ 1 spike alarm a day) and the detection delay on injected surges and
 * silences. The detectors run every 5 simulated minutes, as the hub's runner does, with the
 * default thresholds (`app/detect/detect-thresholds.ts`) and a baseline relearnt each day from
 * the 28 days before it.
 *
 * Data: the hub's demo source (`hub/demo-source.ts`) — a history month (seed S) and the
 * evaluation month after it (seed S + 1; the demo drops closed items older than 30 days, so each
 * month is its own back-fill). The demo's own clusters stay in: residents' posts about an
 * active accident or outage are real surges, and the alarms they raise are counted as false
 * alarms here all the same (and shown apart: how many fell in a municipality with an active
 * accident at the time). Asserts nothing; prints the figures.
 *
 * `BENCH_SEEDS=1,2,3` to change the seeds.
 */
import { DAY_MS, HOUR_MS, mskTime } from '../app/calendar/msk-time';
import type { Accident } from '../app/domain/entity';
import { eventOf, type DetectEvent } from '../app/detect/detect-event';
import { DEFAULT_DETECT_THRESHOLDS, type DetectThresholds } from '../app/detect/detect-thresholds';
import { Detectors } from '../app/detect/detect-all';
import { Episodes } from '../app/detect/episodes';
import { DemoSource } from '../hub/demo-source';

const SEEDS = (process.env.BENCH_SEEDS ?? '1,2').split(',').map(Number);
const STEP = 5 * 60_000;
/** Start of the evaluation month (a Monday, outside the New Year holidays). */
const T0 = mskTime(2026, 2, 2);
const T1 = T0 + 30 * DAY_MS;
const TH = DEFAULT_DETECT_THRESHOLDS;

interface Month {
  events: DetectEvent[];
  accidents: Accident[];
}

function demoMonth(seed: number): Month {
  const events: DetectEvent[] = [];
  const accidents: Accident[] = [];
  for (const [k, end] of [T0, T1].entries()) {
    const change = new DemoSource({ seed: seed * 10 + k, speed: 1, backfillDays: 30 }).backfill(end);
    for (const e of change.upserts) {
      if (e.kind === 'appeal' && e.createdAt >= end - 30 * DAY_MS && e.createdAt < end) events.push(eventOf(e));
      if (e.kind === 'accident' && k === 1) accidents.push(e);
    }
  }
  return { events: events.sort((a, b) => a.t - b.t), accidents };
}

interface Raised {
  at: number;
  key: string;
  text: string;
}

/** Runs the detectors over [T0, T1) every STEP; every alarm raised (a new episode). */
function run(events: DetectEvent[], from = T0, to = T1, th: DetectThresholds = TH): { spikes: Raised[]; silences: Raised[]; evalMs: number } {
  const det = new Detectors();
  const spikes = new Episodes<{ key: string; text: string }>(TH.spike.clearAfterMin * 60_000);
  const silences = new Episodes<{ key: string; text: string }>(TH.spike.clearAfterMin * 60_000);
  const out = { spikes: [] as Raised[], silences: [] as Raised[], evalMs: 0 };
  let n = 0;
  const t = performance.now();
  for (let now = from; now < to; now += STEP) {
    const d = det.evaluate(events, now, th);
    n++;
    for (const s of spikes.update(now, d.spikes).raised) out.spikes.push({ at: now, key: s.key, text: s.text });
    for (const s of silences.update(now, d.silences).raised) out.silences.push({ at: now, key: s.key, text: s.text });
  }
  out.evalMs = (performance.now() - t) / n;
  return out;
}

const accidentAt = (accidents: Accident[], oktmo: string, at: number) =>
  accidents.some((a) => a.municipality === oktmo && a.startedAt <= at && (a.restoredAt ?? Infinity) >= at - HOUR_MS);

/** Injected surges: n messages of one topic in one municipality, evenly over an hour. */
const SURGES: { n: number; oktmo: string; topic: string; sector: string; dayOffsetH: number }[] = [
  { n: 6, oktmo: '97516000', topic: 'housing.no-cold-water', sector: 'housing', dayOffsetH: 3 * 24 + 11 },
  { n: 8, oktmo: '97541000', topic: 'roads.pothole', sector: 'roads', dayOffsetH: 6 * 24 + 15 },
  { n: 12, oktmo: '97516000', topic: 'housing.no-cold-water', sector: 'housing', dayOffsetH: 9 * 24 + 10 },
  { n: 12, oktmo: '97701000', topic: 'housing.no-heat', sector: 'housing', dayOffsetH: 12 * 24 + 13 },
  { n: 12, oktmo: '97553000', topic: 'waste.not-collected', sector: 'waste', dayOffsetH: 15 * 24 + 2 },
  { n: 24, oktmo: '97701000', topic: 'roads.pothole', sector: 'roads', dayOffsetH: 18 * 24 + 18 },
  { n: 24, oktmo: '97710000', topic: 'housing.no-hot-water', sector: 'housing', dayOffsetH: 21 * 24 + 8 },
];

const fmtMin = (ms: number) => `${Math.round(ms / 60_000)} min`;
const t0 = performance.now();
for (const seed of SEEDS) {
  const month = demoMonth(seed);
  const inMonth = month.events.filter((e) => e.t >= T0).length;
  console.log(
    `detect: seed ${seed}: ${month.events.length} demo appeals (${inMonth} in the evaluated month, ${(inMonth / 30).toFixed(0)} a day), generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  // 1. No injected surge: every alarm is a false alarm (or the demo's own accident posts).
  const quiet = run(month.events);
  const byAccident = quiet.spikes.filter((r) => accidentAt(month.accidents, r.key.split(':')[1]!, r.at)).length;
  console.log(
    `  no injection, 30 days: ${quiet.spikes.length} spike alarms (${(quiet.spikes.length / 30).toFixed(2)} a day; ${byAccident} of them in a municipality with an active accident), ${quiet.silences.length} silence warnings (${(quiet.silences.length / 30).toFixed(2)} a day); ${quiet.evalMs.toFixed(2)} ms per evaluation`,
  );
  for (const r of quiet.spikes.slice(0, 6)) console.log(`    ${new Date(r.at).toISOString().slice(0, 16)}Z «${r.text}»`);
  for (const r of quiet.silences.slice(0, 3)) console.log(`    ${new Date(r.at).toISOString().slice(0, 16)}Z «${r.text}»`);

  // 2. Injected surges.
  const injected = [...month.events];
  for (const s of SURGES) {
    const at = T0 + s.dayOffsetH * HOUR_MS;
    for (let i = 0; i < s.n; i++)
      injected.push({ t: at + Math.floor(((i + 0.5) * HOUR_MS) / s.n), municipality: s.oktmo, sector: s.sector, topic: s.topic, channel: 'social' });
  }
  injected.sort((a, b) => a.t - b.t);
  const withSurges = run(injected);
  const delays: string[] = [];
  let found = 0;
  for (const s of SURGES) {
    const at = T0 + s.dayOffsetH * HOUR_MS;
    const hit = withSurges.spikes.find((r) => r.key === `spike:${s.oktmo}:${s.sector}` && r.at >= at && r.at <= at + 2 * HOUR_MS);
    if (hit) found++;
    delays.push(`${s.n}/h ${s.topic} ${s.oktmo}: ${hit ? fmtMin(hit.at - at) : 'missed'}`);
  }
  console.log(`  injected surges: ${found}/${SURGES.length} detected; delay from the first message: ${delays.join('; ')}`);

  // 2b. Sensitivity: other spike thresholds on the same data (false alarms a day vs surges found).
  for (const [minCount, maxP, minRatio] of [
    [6, 1e-6, 4],
    [4, 1e-4, 3],
    [3, 1e-3, 2],
  ] as const) {
    const th: DetectThresholds = { ...TH, spike: { ...TH.spike, minCount, maxP, minRatio } };
    const falseAlarms = run(month.events, T0, T1, th).spikes.length;
    const raised = run(injected, T0, T1, th).spikes;
    const delaysMs = SURGES.flatMap((x) => {
      const at = T0 + x.dayOffsetH * HOUR_MS;
      const hit = raised.find((r) => r.key === `spike:${x.oktmo}:${x.sector}` && r.at >= at && r.at <= at + 2 * HOUR_MS);
      return hit ? [hit.at - at] : [];
    });
    const mean = delaysMs.reduce((x, y) => x + y, 0) / Math.max(1, delaysMs.length);
    console.log(
      `  thresholds minCount ${minCount}, maxP ${maxP}, minRatio ${minRatio}: ${(falseAlarms / 30).toFixed(2)} spike alarms a day with no injection, ${delaysMs.length}/${SURGES.length} surges found, mean delay ${fmtMin(mean)}`,
    );
  }

  // 3. Injected silences: the social channel cut at 09:00 on day 5; Чебоксары cut at 09:00 on day 8.
  const cutSocial = T0 + (4 * 24 + 9) * HOUR_MS;
  const cutCheb = T0 + (7 * 24 + 9) * HOUR_MS;
  const silenced = month.events.filter(
    (e) =>
      !(e.channel === 'social' && e.t >= cutSocial && e.t < cutSocial + DAY_MS) && !(e.municipality === '97701000' && e.t >= cutCheb && e.t < cutCheb + DAY_MS),
  );
  const withSilence = run(silenced, T0, T0 + 10 * DAY_MS);
  const delay = (key: string, cut: number) => {
    const r = withSilence.silences.find((x) => x.key === key && x.at >= cut && x.at <= cut + DAY_MS);
    return r ? `${fmtMin(r.at - cut)} («${r.text}»)` : 'missed';
  };
  console.log(
    `  injected silences: social channel cut at 09:00 → warned after ${delay('silence:channel:social', cutSocial)}; Чебоксары cut at 09:00 → ${delay('silence:municipality:97701000', cutCheb)}`,
  );
}
