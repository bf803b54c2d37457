/**
 * Hub counters and gauges, rendered as Prometheus text at `GET /metrics`.
 */
export type Labels = Record<string, string>;

function key(name: string, labels: Labels): string {
  const parts = Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`);
  return parts.length ? `${name}{${parts.join(',')}}` : name;
}

interface Family {
  help: string;
  type: 'counter' | 'gauge';
  values: Map<string, number>;
}

export class Metrics {
  private readonly families = new Map<string, Family>();
  private readonly collectors: (() => void)[] = [];

  private family(name: string, help: string, type: Family['type']): Family {
    let f = this.families.get(name);
    if (!f) this.families.set(name, (f = { help, type, values: new Map() }));
    return f;
  }

  inc(name: string, help: string, labels: Labels = {}, by = 1): void {
    const f = this.family(name, help, 'counter');
    const k = key(name, labels);
    f.values.set(k, (f.values.get(k) ?? 0) + by);
  }

  /** Replaces every value of a gauge family (so vanished label sets disappear). */
  setGauge(name: string, help: string, values: [Labels, number][]): void {
    const f = this.family(name, help, 'gauge');
    f.values.clear();
    for (const [labels, v] of values) f.values.set(key(name, labels), v);
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

  render(): string {
    for (const c of this.collectors) c();
    const out: string[] = [];
    for (const [name, f] of this.families) {
      out.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`);
      for (const [k, v] of f.values) out.push(`${k} ${v}`);
    }
    return out.join('\n') + '\n';
  }
}
