#!/usr/bin/env node
// `npm start`: the embedded default. Builds what is missing, starts the hub with demo data
// on 127.0.0.1 and opens the wall: in Electron when its binary is present, else in Chromium
// windows (one per screen of the layout), else it only prints the URL.
//
// - Port: --port (default 8400); when it is busy, the next free one (said on the console).
// - Every process it starts runs under scripts/tether.mjs with a pipe on stdin: when this
//   launcher ends in any way (Ctrl+C, the hub stopping, even `kill -9`), they end too.
// - The Chromium windows' URLs and command lines come from main/launcher.ts (loaded through
//   tsx): the same URLs as the Electron main, and the one list of Chromium flags the desktop
//   test checks (GL without a GPU, each window placed and sized from the layout, so a bare X
//   session with no window manager shows the wall too).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TOKENS = { wall: 'dev-wall', touch: 'dev-touch' };
const TETHER = path.join(root, 'scripts/tether.mjs');
/** How many ports after --port are tried when it is busy. */
const PORT_TRIES = 20;
/** The hub's exit code when its port is in use (hub/cli.ts). */
const EXIT_PORT_IN_USE = 3;

const USAGE = 'usage: npm start -- [--no-windows] [--port N] [--speed X] [--seed N] [--layout FILE] [--pc ID] [--kiosk] [--gl egl|swiftshader] [--no-build]';

function usage(msg) {
  console.error(`start: ${msg}\n${USAGE}`);
  process.exit(2);
}

function options(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'no-windows': { type: 'boolean', default: false },
        kiosk: { type: 'boolean', default: false },
        port: { type: 'string', default: '8400' },
        speed: { type: 'string', default: '60' },
        seed: { type: 'string', default: '1' },
        layout: { type: 'string', default: path.join(root, 'assets/walls/single.json') },
        pc: { type: 'string' },
        gl: { type: 'string', default: 'egl' },
        'no-build': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    usage(e.message);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) usage(`--port: a port number 1…65535, not "${values.port}"`);
  if (values.gl !== 'egl' && values.gl !== 'swiftshader') usage(`--gl: egl or swiftshader, not "${values.gl}"`);
  return {
    windows: !values['no-windows'],
    kiosk: values.kiosk,
    port,
    speed: values.speed,
    seed: values.seed,
    layout: path.resolve(values.layout),
    pc: values.pc ?? null,
    gl: values.gl,
    build: !values['no-build'],
  };
}

function readLayout(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    usage(`layout ${file}: ${e.message}`);
  }
}

/** main/launcher.ts, the pure planner shared with the Electron main's URL building. */
async function loadLauncher() {
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(path.join(root, 'main/launcher.ts'), import.meta.url);
}

const children = new Set();
let stopping = false;

/**
 * Starts `command` under the tether; its stdin pipe is this process's life line. `removeDir`:
 * removed by the tether once the command has ended (also after a `kill -9` of this launcher).
 */
function launch(name, command, args, stdout = 'ignore', removeDir) {
  const rm = removeDir ? ['--rm', removeDir] : [];
  const child = spawn(process.execPath, [TETHER, ...rm, command, ...args], { stdio: ['pipe', stdout, 'inherit'] });
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping && name === 'hub' && child.hubReady) {
      console.error(`start: the hub stopped (${signal ?? code}); stopping everything`);
      stop(1);
    }
  });
  return child;
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  const finish = () => {
    for (const c of children) c.kill('SIGKILL');
    process.exit(code);
  };
  if (children.size === 0) finish();
  for (const c of children) {
    // launch() removes the child from `children` before this listener runs.
    c.on('exit', () => children.size === 0 && finish());
    // Closing the life line ends the tether's command (SIGTERM, then SIGKILL after 3 s).
    c.stdin.end();
  }
  setTimeout(finish, 5000).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
process.on('SIGHUP', () => stop(0));

/** True when nothing listens on 127.0.0.1:`port`. */
function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

function startHub(port, opts) {
  const child = launch(
    'hub',
    process.execPath,
    [path.join(root, 'out/hub/cli.js'), '--host', '127.0.0.1', '--port', String(port), '--source', 'demo', '--speed', opts.speed, '--seed', opts.seed],
    'pipe',
  );
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout });
    rl.on('line', (line) => {
      const m = /^hub listening on (http:\/\/\S+)/.exec(line);
      if (m) {
        child.hubReady = true;
        resolve({ child, url: m[1] });
      } else console.log(line);
    });
    child.once('exit', (code) => reject(Object.assign(new Error(`hub exited with code ${code}`), { code })));
  });
}

/** The hub on `port`, or on the next free port when it is busy (said once, with the port). */
async function startHubOnFreePort(first, opts) {
  for (let port = first; port < first + PORT_TRIES && port <= 65535; port++) {
    if (!(await portFree(port))) continue;
    try {
      const hub = await startHub(port, opts);
      if (port !== first) console.log(`start: port ${first} is busy; the hub is on port ${port}`);
      return hub;
    } catch (e) {
      // Taken between the probe and the hub's listen: try the next one.
      if (e.code !== EXIT_PORT_IN_USE) throw e;
    }
  }
  throw new Error(`ports ${first}…${first + PORT_TRIES - 1} are all busy; choose another with --port`);
}

function electronBinary() {
  const dist = path.join(root, 'node_modules/electron/dist');
  const candidates = { linux: 'electron', win32: 'electron.exe', darwin: 'Electron.app/Contents/MacOS/Electron' };
  const bin = path.join(dist, candidates[process.platform] ?? 'electron');
  return existsSync(bin) ? bin : null;
}

function chromiumBinary() {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable']) {
    if (p && existsSync(p)) return p;
  }
  return null;
}

const hasDisplay = () => process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

/** The X screen's size (xdpyinfo), for screens the layout does not place; undefined when unknown. */
function desktopSize() {
  if (process.platform !== 'linux' || !process.env.DISPLAY) return undefined;
  const r = spawnSync('xdpyinfo', [], { encoding: 'utf8', timeout: 5000 });
  const m = /dimensions:\s+(\d+)x(\d+) pixels/.exec(r.stdout ?? '');
  return m ? { width: Number(m[1]), height: Number(m[2]) } : undefined;
}

async function main() {
  const opts = options(process.argv.slice(2));
  const layout = readLayout(opts.layout);
  const launcher = await loadLauncher();
  // Validate the layout before starting anything (the hub URL here is a placeholder).
  const check = launcher.launcherWindows(layout, 'http://127.0.0.1:1', TOKENS, opts.pc);
  if (!check.ok) usage(`layout ${opts.layout}: ${check.error}`);
  if (opts.build) {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-missing'], { stdio: 'inherit' });
    if (build.status !== 0) usage('build failed');
  }

  const hub = await startHubOnFreePort(opts.port, opts);
  const plan = launcher.launcherWindows(layout, hub.url, TOKENS, opts.pc, desktopSize()).value;
  for (const w of plan.warnings) console.warn(`start: ${w}`);
  const wins = plan.windows;
  console.log(`wall «${plan.name}»: ${wins[0].url}`);
  for (const w of wins.slice(1)) console.log(`  screen ${w.screenId}: ${w.url}`);

  if (!opts.windows) return console.log('start: --no-windows, no window opened; Ctrl+C stops the hub');
  const electron = electronBinary();
  if (electron && hasDisplay()) {
    console.log('start: opening the wall in Electron');
    const pc = opts.pc ? [`--pc=${opts.pc}`] : [];
    launch('electron', electron, [root, `--hub=${hub.url}`, `--token=${TOKENS.wall}`, `--layout=${opts.layout}`, ...pc], 'inherit');
    return;
  }
  const chromium = chromiumBinary();
  if (!chromium || !hasDisplay()) {
    console.log(`start: ${chromium ? 'no display' : 'neither Electron nor Chromium found'}; open the URL above in a browser. Ctrl+C stops the hub`);
    return;
  }
  console.log(`start: Electron binary not installed; opening ${wins.length} Chromium ${opts.kiosk ? 'kiosk' : 'app'} window(s)`);
  for (const w of wins) {
    const profileDir = mkdtempSync(path.join(os.tmpdir(), `cur-wall-${w.screenId}-`));
    const args = launcher.chromiumArgs(w, { profileDir, kiosk: opts.kiosk, noSandbox: process.getuid?.() === 0, gl: opts.gl });
    console.log(`start: window ${w.screenId} at ${w.rect.x},${w.rect.y} ${w.rect.width}×${w.rect.height}`);
    launch(`chromium ${w.screenId}`, chromium, args, 'ignore', profileDir);
  }
}

main().catch((e) => {
  console.error(`start: ${e.message}`);
  stop(1);
});
