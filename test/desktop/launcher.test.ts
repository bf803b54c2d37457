/**
 * `npm start` (scripts/start.mjs) as an operator meets it, with real processes:
 * - its port busy: it takes the next free one and says which;
 * - killed with `kill -9`: the hub and the windows it started end too (scripts/tether.mjs),
 *   so nothing lingers holding the port or the screen;
 * - on a bare X server (Xvfb, no window manager, as a kiosk PC's bare X session) with
 *   `--kiosk`: every window at the position and of the size the layout gives its screen, and
 *   the map drawn (WebGL without a GPU), with the launcher's own command line, nothing added.
 * Needs the hub build (out/hub/cli.js) and, for the windows, the renderer build, Xvfb,
 * ImageMagick and Chromium; it builds nothing itself (`--no-build`).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH } from '../support/chromium';

const root = path.resolve(import.meta.dirname, '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const temps: string[] = [];
const temp = (prefix: string): string => {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(d);
  return d;
};

if (!existsSync(path.join(root, 'out/hub/cli.js'))) throw new Error('hub build missing: run `node scripts/build.mjs hub` (npm test does)');
const windowNeeds: Array<[string, string]> = [
  ['/usr/bin/Xvfb', 'Xvfb'],
  ['/usr/bin/import', 'ImageMagick import'],
  ['/usr/bin/xwininfo', 'xwininfo (x11-utils)'],
  [CHROMIUM_PATH, 'Chromium'],
  [path.join(root, 'out/renderer/index.html'), 'the renderer build'],
];
const missing = windowNeeds.filter(([p]) => !existsSync(p)).map(([, w]) => w);

/** A launcher run: its process, every line it printed, and a wait for a line. */
interface Launcher {
  proc: ChildProcess;
  lines: string[];
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
}
const launchers: Launcher[] = [];

function startLauncher(args: string[], env: NodeJS.ProcessEnv = {}): Launcher {
  const proc = spawn(process.execPath, [path.join(root, 'scripts/start.mjs'), '--no-build', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  for (const s of [proc.stdout!, proc.stderr!]) {
    readline.createInterface({ input: s }).on('line', (l) => {
      lines.push(l);
      for (const w of waiters) w();
    });
  }
  const l: Launcher = {
    proc,
    lines,
    waitFor: (re, timeoutMs = 90_000) =>
      new Promise((resolve, reject) => {
        const fail = (why: string) => reject(new Error(`${why} before a line matching ${re}; got:\n${lines.join('\n')}`));
        const timer = setTimeout(() => fail(`${timeoutMs} ms passed`), timeoutMs);
        const check = (): void => {
          for (const line of lines) {
            const m = re.exec(line);
            if (m) {
              clearTimeout(timer);
              return resolve(m);
            }
          }
        };
        waiters.push(check);
        proc.once('exit', (code) => setTimeout(() => fail(`the launcher exited (${code})`), 200));
        check();
      }),
  };
  launchers.push(l);
  return l;
}

/** Command lines of the processes alive now that contain every one of `parts`. */
function processesWith(...parts: string[]): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue;
    }
    if (parts.every((p) => cmd.includes(p))) found.push(`${pid}: ${cmd.slice(0, 200)}`);
  }
  return found;
}

/** Polls until `ok()` or the time is up (a guard against hangs, not a timing check). */
async function until(ok: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(250)) if (await ok()) return true;
  return ok();
}

const healthy = async (url: string): Promise<boolean> => {
  try {
    return (await fetch(`${url}/healthz`)).ok;
  } catch {
    return false;
  }
};

/** A port that something (this test) listens on. */
async function occupiedPort(): Promise<{ port: number; close: () => void }> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return { port: (srv.address() as net.AddressInfo).port, close: () => srv.close() };
}

/** The launcher's temporary window profiles of the screens this test opens. */
const profiles = () => readdirSync(os.tmpdir()).filter((d) => /^cur-wall-(left|right)-/.test(d));

afterEach(() => {
  for (const l of launchers.splice(0)) if (l.proc.exitCode === null) l.proc.kill('SIGKILL');
});
afterAll(() => {
  for (const d of [...temps, ...profiles().map((d) => path.join(os.tmpdir(), d))]) rmSync(d, { recursive: true, force: true });
});

describe('npm start: the port and the processes it starts', () => {
  it('takes the next free port when its port is busy, says which, and its hub ends with it on kill -9', async () => {
    const busy = await occupiedPort();
    try {
      const l = startLauncher(['--no-windows', '--port', String(busy.port), '--speed', '1']);
      const [, hubUrl, port] = await l.waitFor(/^wall «.*»: (http:\/\/127\.0\.0\.1:(\d+))\/#\/wall\/main\?token=dev-wall/);
      expect(Number(port)).toBeGreaterThan(busy.port);
      expect(l.lines).toContain(`start: port ${busy.port} is busy; the hub is on port ${port}`);
      expect(await healthy(hubUrl!)).toBe(true);
      const hubProcs = () => processesWith('out/hub/cli.js', `--port ${port} `);
      expect(hubProcs().length).toBeGreaterThan(0);

      l.proc.kill('SIGKILL');
      expect(await until(() => hubProcs().length === 0, 20_000), `still running: ${hubProcs().join('\n')}`).toBe(true);
      expect(await healthy(hubUrl!)).toBe(false);
    } finally {
      busy.close();
    }
  }, 120_000);

  it('refuses a bad flag with the usage line', async () => {
    const l = startLauncher(['--port', 'eighty']);
    const code = await new Promise<number | null>((r) => l.proc.once('exit', r));
    expect(code).toBe(2);
    expect(l.lines.join('\n')).toMatch(/--port: a port number[\s\S]*usage: npm start/);
  });
});

/** Xvfb on a free display number: `-displayfd` writes it once the server accepts clients. */
function startXvfb(width: number, height: number): Promise<{ display: string; proc: ChildProcess }> {
  const proc = spawn('/usr/bin/Xvfb', ['-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdio[3]!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve({ display: `:${out.trim()}`, proc });
    });
    proc.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
}

/** Top-level windows of the X screen larger than 100×100 px (no window manager: the root's children). */
function xWindows(display: string): Array<{ x: number; y: number; width: number; height: number }> {
  const out = execFileSync('xwininfo', ['-display', display, '-root', '-children'], { encoding: 'utf8' });
  const wins: Array<{ x: number; y: number; width: number; height: number }> = [];
  for (const m of out.matchAll(/ (\d+)x(\d+)\+(-?\d+)\+(-?\d+) +\+-?\d+\+-?\d+$/gm)) {
    const [width, height, x, y] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    if (width > 100 && height > 100) wins.push({ x, y, width, height });
  }
  return wins.sort((a, b) => a.x - b.x || a.y - b.y);
}

/** Pixels of map water and outlines (bluish) in a rectangle of the X screen, every 4th row and column. */
function mapPixels(display: string, r: { x: number; y: number; width: number; height: number }): number {
  const rgb = execFileSync('import', ['-display', display, '-window', 'root', '-crop', `${r.width}x${r.height}+${r.x}+${r.y}`, '-depth', '8', 'rgb:-'], {
    maxBuffer: 64 << 20,
  });
  let n = 0;
  for (let y = 0; y < r.height; y += 4) {
    for (let x = 0; x < r.width; x += 4) {
      const i = (y * r.width + x) * 3;
      const [red, green, blue] = [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!];
      if (blue > 60 && blue > red + 25 && green > red) n++;
    }
  }
  return n;
}

describe.skipIf(missing.length > 0)(`npm start -- --kiosk on a bare X server${missing.length ? ` (skipped: missing ${missing.join(', ')})` : ''}`, () => {
  let xvfb: ChildProcess | undefined;
  afterAll(() => xvfb?.kill());

  it('places and sizes every window from the layout, draws the map, and takes the windows along on kill -9', async () => {
    const x = await startXvfb(3840, 1080);
    xvfb = x.proc;
    // Two map screens on two displays side by side, placed by `display.point` (no `bounds`).
    const screen = (id: string, col: number) => ({
      id,
      shows: { type: 'map-region', region: 'chuvashia' },
      grid: { col, row: 0 },
      resolution: { width: 1920, height: 1080 },
      sizeMm: { width: 1209.6, height: 680.4 },
      bezelMm: { top: 0, right: 0, bottom: 0, left: 0 },
      display: { point: { x: col * 1920, y: 0 }, size: { width: 1920, height: 1080 } },
    });
    const layoutFile = path.join(temp('cur-launcher-'), 'layout.json');
    writeFileSync(layoutFile, JSON.stringify({ name: 'Две панели', viewingDistanceM: 4, screens: [screen('left', 0), screen('right', 1)] }));
    const busy = await occupiedPort(); // a port of our own, so this run never meets another's
    busy.close();

    const l = startLauncher(['--kiosk', '--layout', layoutFile, '--port', String(busy.port), '--speed', '1'], { DISPLAY: x.display });
    const [, hubUrl] = await l.waitFor(/^wall «Две панели»: (http:\/\/127\.0\.0\.1:\d+)\//);
    await l.waitFor(/opening 2 Chromium kiosk window/);
    const expected = [
      { x: 0, y: 0, width: 1920, height: 1080 },
      { x: 1920, y: 0, width: 1920, height: 1080 },
    ];
    expect(await until(() => JSON.stringify(xWindows(x.display)) === JSON.stringify(expected), 60_000), `windows: ${JSON.stringify(xWindows(x.display))}`).toBe(
      true,
    );
    // The map (water, outlines) in both windows: WebGL drew with no GPU and no window manager.
    const drawn = () => expected.map((r) => mapPixels(x.display, r));
    expect(await until(() => drawn().every((n) => n > 500), 90_000), `map pixels per window: ${drawn().join(', ')}`).toBe(true);

    const windowProcs = () => processesWith(CHROMIUM_PATH, `${hubUrl}/#/wall/`);
    expect(windowProcs().length).toBeGreaterThan(0);
    l.proc.kill('SIGKILL');
    expect(await until(() => windowProcs().length === 0 && xWindows(x.display).length === 0, 30_000), `still there: ${windowProcs().join('\n')}`).toBe(true);
    expect(await until(async () => !(await healthy(hubUrl!)), 20_000)).toBe(true);
    // The windows' temporary profiles went with them (the tethers remove them).
    expect(await until(() => profiles().length === 0, 10_000), `left behind: ${profiles().join(', ')}`).toBe(true);
  }, 240_000);
});
