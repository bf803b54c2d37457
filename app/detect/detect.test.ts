import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HOUR_MS, mskTime } from '../calendar/msk-time';
import { mulberry32 } from '../random';
import { buildBaseline, weekSlot } from './baseline';
import type { DetectEvent } from './detect-event';
import { Detectors } from './detect-all';
import { DEFAULT_DETECT_THRESHOLDS } from './detect-thresholds';
import { Episodes } from './episodes';
import { poissonLower, poissonUpper } from './poisson';
import { detectSilences } from './silence';
import { detectSpikes, type Spike } from './spikes';

const KANASH = '97516000';
const CHEB = '97701000';
const MUNS = [CHEB, KANASH, '97507000', '97710000', '97541000', '97553000'];
const TOPICS: [string, string][] = [
  ['housing', 'housing.no-cold-water'],
  ['housing', 'housing.no-heat'],
  ['roads', 'roads.pothole'],
  ['improvement', 'improvement.yard-cleaning'],
  ['waste', 'waste.not-collected'],
  ['transport', 'transport.schedule'],
];
const CHANNELS = ['pos', 'social', 'written'] as const;
/** Daytime peak, as the demo's (share of the day's inflow per hour). */
const hourShape = (h: number) => 0.08 + Math.exp(-((h - 13) ** 2) / (2 * 3.5 ** 2));

/** A seeded stream: `perDay` arrivals a day over the keys above, Poisson per hour, with a daytime peak. */
function stream(seed: number, from: number, to: number, perDay: number, opts: { silentChannel?: { channel: string; from: number } } = {}): DetectEvent[] {
  const rnd = mulberry32(seed);
  const poisson = (mu: number) => {
    let k = 0;
    let p = Math.exp(-mu);
    let s = p;
    const u = rnd();
    while (u > s && k < 10_000) {
      p *= mu / ++k;
      s += p;
    }
    return k;
  };
  const shapeSum = Array.from({ length: 24 }, (_, h) => hourShape(h)).reduce((a, b) => a + b, 0);
  const out: DetectEvent[] = [];
  for (let t = from; t < to; t += HOUR_MS) {
    const n = poisson((perDay * hourShape((new Date(t).getUTCHours() + 3) % 24)) / shapeSum);
    for (let i = 0; i < n; i++) {
      const [sector, topic] = TOPICS[Math.floor(rnd() * TOPICS.length)]!;
      const channel = CHANNELS[Math.floor(rnd() * CHANNELS.length)]!;
      const e = { t: t + Math.floor(rnd() * HOUR_MS), municipality: MUNS[Math.floor(rnd() * MUNS.length)]!, sector, topic, channel };
      if (opts.silentChannel && e.channel === opts.silentChannel.channel && e.t >= opts.silentChannel.from) continue;
      out.push(e);
    }
  }
  return out.sort((a, b) => a.t - b.t);
}

/** `n` extra arrivals of one topic in one municipality, spread evenly over an hour from `at`. */
function surge(at: number, n: number, municipality = KANASH, topic = 'housing.no-cold-water'): DetectEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    t: at + Math.floor(((i + 0.5) * HOUR_MS) / n),
    municipality,
    sector: 'housing',
    topic,
    channel: 'social' as const,
  }));
}

const START = mskTime(2026, 2, 2); // a Monday
const DAY = 24 * HOUR_MS;
const STEP = 5 * 60_000;
const TH = DEFAULT_DETECT_THRESHOLDS;

/** Evaluates the spike detector every 5 min over [from, to), as the hub does; the new alarms (episodes) and when. */
function runSpikes(events: DetectEvent[], from: number, to: number): { at: number; spike: Spike }[] {
  const baseline = buildBaseline(events, from - 28 * DAY, from);
  const episodes = new Episodes<Spike>(TH.spike.clearAfterMin * 60_000);
  const raised: { at: number; spike: Spike }[] = [];
  let lo = 0;
  for (let now = from; now <= to; now += STEP) {
    while (lo < events.length && events[lo]!.t < now - TH.spike.windowMin * 60_000) lo++;
    let hi = lo;
    while (hi < events.length && events[hi]!.t < now) hi++;
    for (const s of episodes.update(now, detectSpikes(events.slice(lo, hi), baseline, now, TH.spike)).raised) raised.push({ at: now, spike: s });
  }
  return raised;
}

describe('Poisson tails', () => {
  it('match the closed forms and sum to one', () => {
    expect(poissonUpper(0, 3)).toBe(1);
    expect(poissonLower(0, 2)).toBeCloseTo(Math.exp(-2), 12);
    expect(poissonUpper(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(poissonUpper(12, 1)).toBeGreaterThan(1e-10);
    expect(poissonUpper(12, 1)).toBeLessThan(2e-9);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0.01, max: 40, noNaN: true }), (k, mu) => {
        expect(poissonLower(k, mu) + poissonUpper(k + 1, mu)).toBeCloseTo(1, 9);
      }),
    );
  });
});

describe('seasonal baseline', () => {
  it('weekSlot: Monday 00:00 MSK is slot 0, Sunday 23:00 slot 167', () => {
    expect(weekSlot(mskTime(2026, 2, 2, 0, 30))).toBe(0);
    expect(weekSlot(mskTime(2026, 2, 8, 23, 59))).toBe(167);
    expect(weekSlot(mskTime(2026, 2, 4, 13))).toBe(2 * 24 + 13);
  });

  it('learns a key’s usual level for the hour: within 25 % of the true rate at the daytime peak and at night', () => {
    const events = stream(7, START, START + 28 * DAY, 1200);
    const b = buildBaseline(events, START, START + 28 * DAY);
    const shapeSum = Array.from({ length: 24 }, (_, h) => hourShape(h)).reduce((a, c) => a + c, 0);
    for (const h of [13, 3]) {
      const at = START + 28 * DAY + h * HOUR_MS; // hour h MSK
      const truth = (1200 * hourShape(h)) / shapeSum / MUNS.length / TOPICS.length;
      const got = b.expected(`topic:${KANASH}:housing:housing.no-cold-water`, at, at + HOUR_MS);
      expect(Math.abs(got - truth) / truth).toBeLessThan(0.25);
    }
  });

  it('an empty history expects nothing; a key never seen expects little', () => {
    expect(buildBaseline([], START, START + DAY).expected('sector:97701000:roads', START, START + HOUR_MS)).toBe(0);
    const b = buildBaseline(stream(3, START, START + 28 * DAY, 600), START, START + 28 * DAY);
    expect(b.expected('topic:97701000:other:other.noise', START + 30 * DAY, START + 30 * DAY + HOUR_MS)).toBeLessThan(0.05);
  });
});

describe('spike detection on seeded streams', () => {
  it('finds every injected surge of 12 an hour within the hour, as one alarm per cluster, and raises at most one false alarm a day', () => {
    const rows: string[] = [];
    let detected = 0;
    let falseAlarms = 0;
    const seeds = [1, 2, 3, 4, 5, 6];
    for (const seed of seeds) {
      const evalFrom = START + 28 * DAY;
      const at = evalFrom + 2 * DAY + ((seed * 5) % 24) * HOUR_MS;
      const events = [...stream(seed, START, evalFrom + 7 * DAY, 800), ...surge(at, 12)].sort((a, b) => a.t - b.t);
      const raised = runSpikes(events, evalFrom, evalFrom + 7 * DAY);
      const hit = raised.find((r) => r.spike.key === `spike:${KANASH}:housing` && r.at >= at && r.at <= at + HOUR_MS);
      if (hit) detected++;
      const fa = raised.filter((r) => r !== hit).length;
      falseAlarms += fa;
      rows.push(
        `seed ${seed}: surge at +${(at - evalFrom) / HOUR_MS} h ${hit ? `detected after ${(hit.at - at) / 60_000} min: «${hit.spike.text}»` : 'MISSED'}; false alarms in 7 days: ${fa}`,
      );
      // The topic and its sector surged together: one alarm for the cluster, naming the topic.
      expect(raised.filter((r) => r.spike.key === `spike:${KANASH}:housing` && r.at >= at && r.at <= at + 2 * HOUR_MS)).toHaveLength(1);
    }
    console.log(
      `spikes: ${detected}/${seeds.length} injected surges detected; ${falseAlarms} false alarms in ${seeds.length * 7} days\n  ${rows.join('\n  ')}`,
    );
    expect(detected).toBe(seeds.length);
    expect(falseAlarms).toBeLessThanOrEqual(seeds.length * 7);
  });

  it('posts linked to a known accident are explained by it: no spike of their own', () => {
    const evalFrom = START + 28 * DAY;
    const at = evalFrom + 10 * HOUR_MS;
    const linked = surge(at, 40).map((e) => ({ ...e, linked: true }));
    const events = [...stream(11, START, evalFrom + DAY, 300), ...linked].sort((a, b) => a.t - b.t);
    expect(detectSpikes(events, buildBaseline(events, START, evalFrom), at + HOUR_MS, TH.spike)).toEqual([]);
  });

  it('the alarm text names what, where, how many and the usual level', () => {
    const evalFrom = START + 28 * DAY;
    const at = evalFrom + 10 * HOUR_MS;
    const events = [...stream(11, START, evalFrom + DAY, 300), ...surge(at, 12)].sort((a, b) => a.t - b.t);
    const baseline = buildBaseline(events, START, evalFrom);
    const found = detectSpikes(events, baseline, at + HOUR_MS, TH.spike);
    const s = found.find((x) => x.key === `spike:${KANASH}:housing`)!;
    expect(s.topic).toBe('housing.no-cold-water');
    expect(s.count).toBeGreaterThanOrEqual(12);
    expect(s.text).toMatch(/^1\d сообщени[йея] о холодной воде в Канашском округе за час, обычно (меньше одного|1)$/);
  });

  it('a rise of the whole inflow (everything 20 times busier, as the demo at --speed 60) raises no spike; a local surge on top of it still does', () => {
    const evalFrom = START + 28 * DAY;
    const history = stream(21, START, evalFrom, 800);
    const busy = Array.from({ length: 20 }, (_, k) => stream(100 + k, evalFrom, evalFrom + DAY, 800)).flat();
    const events = [...history, ...busy].sort((a, b) => a.t - b.t);
    expect(runSpikes(events, evalFrom, evalFrom + DAY)).toEqual([]);
    const at = evalFrom + 12 * HOUR_MS;
    const withSurge = [...events, ...surge(at, 120)].sort((a, b) => a.t - b.t);
    expect(runSpikes(withSurge, evalFrom, evalFrom + DAY).map((r) => r.spike.key)).toEqual([`spike:${KANASH}:housing`]);
  });

  it('property: a stream with no surge raises no alarm at a busy key’s ordinary level (any seed)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
        const evalFrom = START + 28 * DAY;
        const events = stream(seed, START, evalFrom + DAY, 800);
        const raised = runSpikes(events, evalFrom, evalFrom + DAY);
        expect(raised.length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 8 },
    );
  });
});

describe('silence detection', () => {
  it('warns when a channel falls silent in the day, not at night, and not while it flows', () => {
    const evalFrom = START + 28 * DAY;
    const cut = evalFrom + 9 * HOUR_MS; // 09:00 MSK
    const events = stream(5, START, evalFrom + DAY, 1200, { silentChannel: { channel: 'social', from: cut } });
    const baseline = buildBaseline(events, START, evalFrom);
    let detectedAt: number | null = null;
    let falseAlarms = 0;
    for (let now = evalFrom; now < evalFrom + DAY; now += STEP) {
      for (const s of detectSilences(events, baseline, now, TH.silence)) {
        if (s.key === 'silence:channel:social' && now > cut) detectedAt ??= now;
        else falseAlarms++;
      }
    }
    console.log(
      `silence: social cut at 09:00 MSK, warned after ${detectedAt === null ? 'never' : `${(detectedAt - cut) / 60_000} min`}; other warnings in the day: ${falseAlarms}`,
    );
    expect(detectedAt).not.toBeNull();
    expect(detectedAt! - cut).toBeLessThanOrEqual(3 * HOUR_MS);
    expect(falseAlarms).toBe(0);
    const s = detectSilences(events, baseline, cut + 3 * HOUR_MS, TH.silence).find((x) => x.key === 'silence:channel:social')!;
    expect(s.text).toMatch(/^Канал «Соцсети»: 0 сообщений за 3 часа, обычно \d+ — проверьте подключение источника$/);
  });

  it('warns when a municipality falls silent', () => {
    const evalFrom = START + 28 * DAY;
    const all = stream(9, START, evalFrom + DAY, 2400);
    const cut = evalFrom + 8 * HOUR_MS;
    const events = all.filter((e) => !(e.municipality === KANASH && e.t >= cut));
    const baseline = buildBaseline(events, START, evalFrom);
    const found = detectSilences(events, baseline, cut + 3 * HOUR_MS, TH.silence);
    expect(found.map((s) => s.key)).toEqual([`silence:municipality:${KANASH}`]);
    expect(found[0]!.text).toMatch(/^Тишина в Канашском округе: 0 сообщений за 3 часа, обычно \d+ — проверьте подключение ОМСУ$/);
  });
});

describe('episodes', () => {
  it('raise once, update the text, clear only after the quiet time', () => {
    const ep = new Episodes<{ key: string; text: string }>(60 * 60_000);
    expect(ep.update(0, [{ key: 'a', text: '1' }]).raised).toHaveLength(1);
    expect(ep.update(5 * 60_000, []).cleared).toEqual([]);
    const u = ep.update(10 * 60_000, [{ key: 'a', text: '2' }]);
    expect([u.raised.length, u.updated.length]).toEqual([0, 1]);
    expect(ep.update(69 * 60_000, []).cleared).toEqual([]);
    expect(ep.update(70 * 60_000, []).cleared).toEqual(['a']);
    expect(ep.keys()).toEqual([]);
  });
});

describe('history required', () => {
  it('a log with less than minHistoryDays of history judges nothing (a fresh hub’s first messages are no surge); with a month of it the same surge is found', () => {
    const det = new Detectors();
    const at = START + 35 * DAY + 10 * HOUR_MS;
    const burst = surge(at - HOUR_MS, 12);
    expect(det.hasHistory(burst, at, TH.spike.minHistoryDays)).toBe(false);
    expect(det.evaluate(burst, at, TH)).toEqual({ spikes: [], silences: [] });
    const withMonth = [...stream(7, START, at - HOUR_MS, 120), ...burst].sort((a, b) => a.t - b.t);
    const found = new Detectors().evaluate(withMonth, at, TH).spikes;
    expect(found.map((s) => s.municipality)).toContain(KANASH);
  });
});
