/**
 * Bench worker, the baseline a user would write: the same synthetic stream, sent as plain
 * change objects to the main thread, which keeps a GeoJSON FeatureCollection and calls
 * `setData` (one message per animation frame, as ours).
 */
import { DEFAULT_SECTORS } from '../../app/domain/sector';
import { epochNow, PROBE_EVERY_MS, PROBE_RGB, PROBE_SPOTS, rng, synthPoint, type ProbeInfo } from './synthetic';

export interface BaselineChange {
  i: number;
  lon: number;
  lat: number;
  color: string;
}
export interface BaselineFrame {
  /** Present in the first message only: every point. */
  all?: BaselineChange[];
  changes: BaselineChange[];
  probe: ProbeInfo;
}

const scope = self as unknown as {
  postMessage(m: unknown): void;
  onmessage: ((e: MessageEvent) => void) | null;
  requestAnimationFrame?: (cb: () => void) => number;
};
const COLORS = DEFAULT_SECTORS.map((s) => `rgb(${s.color.join(',')})`);
const PROBE_COLOR = `rgb(${PROBE_RGB.join(',')})`;
const r = rng(42);
let n = 0;
let rate = 0.01;
let last = 0;
let debt = 0;
let probeSeen = false;
let probe: ProbeInfo = { lon: PROBE_SPOTS[0]![0], lat: PROBE_SPOTS[0]![1], at: epochNow(), seq: 0 };

function tick(): void {
  const t = epochNow();
  debt += ((t - last) / 1000) * rate * n;
  last = t;
  const changes: BaselineChange[] = [];
  while (debt >= 1) {
    debt--;
    const p = synthPoint(r);
    changes.push({ i: Math.floor(r() * n), lon: p.lon, lat: p.lat, color: COLORS[p.sector]! });
  }
  // Closed loop: the probe moves again only once the page has seen it on screen.
  if (probeSeen && t - probe.at >= PROBE_EVERY_MS) {
    probeSeen = false;
    const seq = probe.seq + 1;
    const [lon, lat] = PROBE_SPOTS[seq % PROBE_SPOTS.length]!;
    probe = { lon, lat, at: t, seq };
    changes.push({ i: n, lon, lat, color: PROBE_COLOR });
  }
  if (changes.length) scope.postMessage({ changes, probe } satisfies BaselineFrame);
  schedule();
}

function schedule(): void {
  if (scope.requestAnimationFrame) scope.requestAnimationFrame(tick);
  else setTimeout(tick, 16);
}

scope.onmessage = (e: MessageEvent) => {
  if ((e.data as { type?: string }).type === 'probe-seen') return void (probeSeen = true);
  const m = e.data as { n: number; rate: number };
  n = m.n;
  rate = m.rate;
  const all: BaselineChange[] = Array.from({ length: n }, (_, i) => {
    const p = synthPoint(r);
    return { i, lon: p.lon, lat: p.lat, color: COLORS[p.sector]! };
  });
  all.push({ i: n, lon: probe.lon, lat: probe.lat, color: PROBE_COLOR });
  last = epochNow();
  probe = { ...probe, at: last };
  scope.postMessage({ all, changes: [], probe } satisfies BaselineFrame);
  schedule();
};
