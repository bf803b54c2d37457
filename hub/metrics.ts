/**
 * Hub counters and gauges, rendered as Prometheus text at `GET /metrics`. A scrape without a
 * token gets every family with the `client` label dropped (series summed), so client ids are
 * shown only to a caller with a valid token (`render({ omitLabels: ['client'] })`).
 */
export type Labels = Record<string, string>;

function key(name: string, labels: Labels, omit: readonly string[] = []): string {
  const parts = Object.entries(labels)
    .filter(([k]) => !omit.includes(k))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`);
  return parts.length ? `${name}{${parts.join(',')}}` : name;
}

interface Family {
  help: string;
  type: 'counter' | 'gauge';
  values: Map<string, number>;
  /** The labels of each series, by its key (to render it without some of them). */
  labels: Map<string, Labels>;
}

export class Metrics {
  private readonly families = new Map<string, Family>();
  private readonly collectors: (() => void)[] = [];

  private family(name: string, help: string, type: Family['type']): Family {
    let f = this.families.get(name);
    if (!f) this.families.set(name, (f = { help, type, values: new Map(), labels: new Map() }));
    return f;
  }

  inc(name: string, help: string, labels: Labels = {}, by = 1): void {
    const f = this.family(name, help, 'counter');
    const k = key(name, labels);
    if (!f.values.has(k)) f.labels.set(k, labels);
    f.values.set(k, (f.values.get(k) ?? 0) + by);
  }

  /** Replaces every value of a gauge family (so vanished label sets disappear). */
  setGauge(name: string, help: string, values: [Labels, number][]): void {
    const f = this.family(name, help, 'gauge');
    f.values.clear();
    f.labels.clear();
    for (const [labels, v] of values) {
      const k = key(name, labels);
      f.values.set(k, v);
      f.labels.set(k, labels);
    }
  }

  /** Value of one series, 0 when absent (for tests and health). */
  get(name: string, labels: Labels = {}): number {
    return this.families.get(name)?.values.get(key(name, labels)) ?? 0;
  }

  /** Sum of all series of a family. */
  total(name: string): number {
    let s = 0;
    for (const v of this.families.get(name)?.values.values() ?? []) s += v;
    return s;
  }

  /** Registers a function that refreshes gauges right before rendering. */
  collect(fn: () => void): void {
    this.collectors.push(fn);
  }

  /** Prometheus text; `omitLabels` drops those labels and sums the series that then coincide. */
  render(opts: { omitLabels?: readonly string[] } = {}): string {
    for (const c of this.collectors) c();
    const omit = opts.omitLabels ?? [];
    const out: string[] = [];
    for (const [name, f] of this.families) {
      out.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`);
      if (omit.length === 0) {
        for (const [k, v] of f.values) out.push(`${k} ${v}`);
        continue;
      }
      const merged = new Map<string, number>();
      for (const [k, v] of f.values) {
        const mk = key(name, f.labels.get(k) ?? {}, omit);
        merged.set(mk, (merged.get(mk) ?? 0) + v);
      }
      for (const [k, v] of merged) out.push(`${k} ${v}`);
    }
    return out.join('\n') + '\n';
  }
}
