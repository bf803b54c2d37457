/**
 * Summarises what `BENCH_PROFILE=<dir> node bench/run.mjs coldstart` wrote: for a Chromium trace
 * (`wall-N.json`), each thread's CPU samples (page main thread, the feed worker, …) as the
 * functions with the most self and total time, and the thread's busy time per second of the
 * run; for a Node `.cpuprofile` (the hub), the same tables.
 *
 *   node --import tsx bench/trace-summary.ts /tmp/prof/wall-100000.json [top] [from-mark] [to-mark]
 *
 * With two `cur:` marks (e.g. `all-counted drawn`), only the samples between them are counted:
 * what each thread did in that phase of the start.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface Node {
  id: number;
  callFrame: CallFrame;
  parent?: number;
  children?: number[];
}
interface Thread {
  name: string;
  nodes: Map<number, Node>;
  samples: number[];
  times: number[];
}

const file = process.argv[2]!;
const TOP = Number(process.argv[3] ?? 25);
const FROM = process.argv[4];
const TO = process.argv[5];
/** The phase's bounds on the trace clock (µs), once the marks are read; the whole run without them. */
let window: [number, number] = [-Infinity, Infinity];
const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;

function label(n: Node): string {
  const f = n.callFrame;
  const url = f.url ? f.url.split('/').pop()!.split('?')[0] : '';
  return `${f.functionName || '(anonymous)'} ${url}${url ? `:${f.lineNumber + 1}` : ''}`;
}

function report(t: Thread): void {
  if (t.samples.length < 20) return;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const perSecond = new Map<number, number>();
  const t0 = t.times[0]!;
  let busy = 0;
  for (let i = 1; i < t.samples.length; i++) {
    const dt = (t.times[i]! - t.times[i - 1]!) / 1000; // ms
    const node = t.nodes.get(t.samples[i - 1]!);
    if (!node || t.times[i - 1]! < window[0] || t.times[i - 1]! > window[1]) continue;
    const l = label(node);
    self.set(l, (self.get(l) ?? 0) + dt);
    if (l.startsWith('(idle)') || l.startsWith('(program)')) continue;
    busy += dt;
    const sec = Math.floor((t.times[i - 1]! - t0) / 1e6);
    perSecond.set(sec, (perSecond.get(sec) ?? 0) + dt);
    const seen = new Set<string>();
    for (let n: Node | undefined = node; n; n = n.parent !== undefined ? t.nodes.get(n.parent) : undefined) {
      const k = label(n);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  }
  const span = (t.times.at(-1)! - t0) / 1e6;
  console.log(`\n## ${t.name}: ${t.samples.length} samples over ${span.toFixed(1)} s, busy ${(busy / 1000).toFixed(1)} s`);
  const top = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([k, v]) => `  ${(v / 1000).toFixed(2).padStart(8)} s  ${k}`)
      .join('\n');
  console.log('self:\n' + top(self));
  console.log('total:\n' + top(total));
  console.log(
    'busy ms per second: ' +
      [...perSecond]
        .sort((a, b) => a[0] - b[0])
        .map(([s, v]) => `${s}:${Math.round(v)}`)
        .join(' '),
  );
}

if (file.endsWith('.cpuprofile')) {
  const p = raw as { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number };
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  for (const n of p.nodes) for (const c of n.children ?? []) nodes.get(c)!.parent = n.id;
  let at = p.startTime;
  report({ name: 'node', nodes, samples: p.samples, times: p.timeDeltas.map((d) => (at += d)) });
} else {
  const events = (Array.isArray(raw) ? raw : (raw as { traceEvents: unknown[] }).traceEvents) as Array<{
    name: string;
    ph: string;
    pid: number;
    tid: number;
    id?: string;
    ts: number;
    args?: { name?: string; data?: { startTime?: number; cpuProfile?: { nodes?: Node[]; samples?: number[] }; timeDeltas?: number[] } };
  }>;
  if (FROM && TO) {
    const at = (mark: string) => events.find((e) => e.name === `cur:${mark}`)?.ts;
    const from = at(FROM);
    const to = at(TO);
    if (from === undefined || to === undefined) throw new Error(`no mark cur:${from === undefined ? FROM : TO} in ${file}`);
    window = [from, to];
    console.log(`phase cur:${FROM} → cur:${TO}: ${((to - from) / 1000).toFixed(0)} ms`);
  }
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
  const threads = new Map<string, Thread & { last: number }>();
  for (const e of events) {
    if (e.name === 'Profile') {
      threads.set(`${e.pid}:${e.id}`, {
        name: `${names.get(`${e.pid}:${e.tid}`) ?? 'thread'} (${e.pid}:${e.tid})`,
        nodes: new Map(),
        samples: [],
        times: [],
        last: e.args?.data?.startTime ?? e.ts,
      });
    } else if (e.name === 'ProfileChunk') {
      const t = threads.get(`${e.pid}:${e.id}`);
      const d = e.args?.data;
      if (!t || !d) continue;
      for (const n of d.cpuProfile?.nodes ?? []) t.nodes.set(n.id, n);
      const deltas = d.timeDeltas ?? [];
      (d.cpuProfile?.samples ?? []).forEach((s, i) => {
        t.last += deltas[i] ?? 0;
        t.samples.push(s);
        t.times.push(t.last);
      });
    }
  }
  for (const t of threads.values()) {
    // Samples come in order per chunk; sort by time in case chunks interleave.
    const order = t.times.map((_, i) => i).sort((a, b) => t.times[a]! - t.times[b]!);
    report({ name: t.name, nodes: t.nodes, samples: order.map((i) => t.samples[i]!), times: order.map((i) => t.times[i]!) });
  }
}
