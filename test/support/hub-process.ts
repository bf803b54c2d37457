/**
 * The built hub (`out/hub/cli.js`, made by `node scripts/build.mjs hub`) as a child process,
 * so a crash, a `kill -9` or an exit code is visible to the test. Every process started here
 * is killed when the test calls {@link stopAllHubProcesses} (afterEach/afterAll) and, as a
 * last resort, when the test worker exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The hub bundle the tests run. */
export const HUB_CLI = path.join(ROOT, 'out/hub/cli.js');
const LISTENING = /hub listening on (http:\/\/\S+)/;
/** Exit code of the CLI when the port is taken. */
const EXIT_PORT_BUSY = 3;

export interface HubExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface HubProcess {
  /** `http://HOST:PORT` from the listening line. */
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Resolves when the process has exited, however it ended. */
  readonly exited: Promise<HubExit>;
  /** stdout and stderr so far, interleaved as they came. */
  output(): string;
  /** True while the process runs. */
  alive(): boolean;
  /** Resolves once a line of output matches (or fails after `timeoutMs`, or when the hub exits). */
  waitForOutput(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /**
   * Sends `signal` (default SIGKILL, i.e. `kill -9`) and resolves when the process is gone.
   * A SIGTERM that is not obeyed within 5 s is followed by SIGKILL.
   */
  kill(signal?: NodeJS.Signals): Promise<HubExit>;
}

export interface HubProcessOptions {
  /** `--data DIR`; null runs with the in-memory log. */
  data: string | null;
  /** `--port`; 0 (default) takes a free port. */
  port?: number;
  /** `--source` (default `none`). */
  source?: string;
  /** More flags, e.g. `['--heartbeat-ms', '200']`. */
  args?: readonly string[];
  /** Limit for the listening line (default 20 s). */
  startTimeoutMs?: number;
  /** Retries when a fixed port is still busy (default 20, 100 ms apart). */
  busyRetries?: number;
}

const running = new Set<HubProcess>();
/** Every child still alive, listening or not, for the exit hook. */
const children = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Synchronous last resort: a worker that dies must not leave hubs behind.
  process.once('exit', () => {
    for (const c of children) c.kill('SIGKILL');
  });
}

/** A fresh temporary data directory; remove it with {@link removeDir}. */
export function tempDataDir(prefix = 'cur-hub-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

function assertBuilt(): void {
  // Only presence is checked: esbuild leaves an unchanged output untouched, so mtimes cannot tell staleness.
  if (!existsSync(HUB_CLI)) throw new Error(`${HUB_CLI} is missing: run \`node scripts/build.mjs hub\` first (npm test does)`);
}

function spawnOnce(opts: HubProcessOptions): Promise<HubProcess | { busy: true; output: string }> {
  const argv = [HUB_CLI, '--host', '127.0.0.1', '--port', String(opts.port ?? 0), '--source', opts.source ?? 'none'];
  if (opts.data) argv.push('--data', opts.data);
  argv.push(...(opts.args ?? []));
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  const watchers = new Set<() => void>();
  const onData = (b: Buffer) => {
    out += b.toString('utf8');
    for (const w of [...watchers]) w();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exitInfo: HubExit | null = null;
  const exited = new Promise<HubExit>((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      exitInfo = { code, signal };
      for (const w of [...watchers]) w();
      resolve(exitInfo);
    });
  });

  const waitForOutput = (re: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const m = out.match(re);
        if (m) return done(() => resolve(m));
        if (exitInfo) done(() => reject(new Error(`hub exited (code ${exitInfo!.code}, signal ${exitInfo!.signal}) before printing ${re}; output:\n${out}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`hub did not print ${re} within ${timeoutMs} ms; output:\n${out}`))), timeoutMs);
      const done = (fn: () => void) => {
        clearTimeout(timer);
        watchers.delete(check);
        fn();
      };
      watchers.add(check);
      check();
    });

  return waitForOutput(LISTENING, opts.startTimeoutMs ?? 20_000).then(
    (m) => {
      const url = m[1]!;
      const h: HubProcess = {
        url,
        port: Number(new URL(url).port),
        child,
        exited,
        output: () => out,
        alive: () => exitInfo === null,
        waitForOutput,
        async kill(signal: NodeJS.Signals = 'SIGKILL') {
          if (exitInfo) return exitInfo;
          child.kill(signal);
          if (signal !== 'SIGKILL') {
            const t = setTimeout(() => child.kill('SIGKILL'), 5000);
            const r = await exited;
            clearTimeout(t);
            return r;
          }
          return exited;
        },
      };
      running.add(h);
      void exited.then(() => running.delete(h));
      return h;
    },
    async (e: Error) => {
      if (!exitInfo) child.kill('SIGKILL');
      const info = await exited;
      if (info.code === EXIT_PORT_BUSY) return { busy: true as const, output: out };
      throw e;
    },
  );
}

/** Starts the built hub and resolves once it prints its listening line. */
export async function startHubProcess(opts: HubProcessOptions): Promise<HubProcess> {
  installExitHook();
  assertBuilt();
  const retries = opts.port ? (opts.busyRetries ?? 20) : 0;
  for (let attempt = 0; ; attempt++) {
    const r = await spawnOnce(opts);
    if (!('busy' in r)) return r;
    if (attempt >= retries) throw new Error(`hub: port ${opts.port} stayed busy; output:\n${r.output}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

/** Kills every hub this worker started (SIGKILL) and waits until they are gone. */
export async function stopAllHubProcesses(): Promise<void> {
  await Promise.all([...running].map((h) => h.kill('SIGKILL')));
}

/** GET /healthz; throws when the hub does not answer 200. */
export async function health(url: string): Promise<{ status: string; epoch: string; headSeq: number; clients: number; uptimeS: number }> {
  const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) });
  if (res.status !== 200) throw new Error(`/healthz answered ${res.status}`);
  return (await res.json()) as { status: string; epoch: string; headSeq: number; clients: number; uptimeS: number };
}

/** GET /metrics as `series → value` (series = `name{labels}` exactly as rendered). */
export async function metrics(url: string): Promise<Map<string, number>> {
  const res = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) });
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  const out = new Map<string, number>();
  for (const line of (await res.text()).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const sp = line.lastIndexOf(' ');
    out.set(line.slice(0, sp), Number(line.slice(sp + 1)));
  }
  return out;
}

/** Sum of every series of a metric family (all label sets), 0 when absent. */
export function metricTotal(m: ReadonlyMap<string, number>, family: string): number {
  let s = 0;
  for (const [k, v] of m) if (k === family || k.startsWith(`${family}{`)) s += v;
  return s;
}
