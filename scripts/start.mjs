#!/usr/bin/env node
// `npm start`: the embedded default. Builds what is missing, starts the hub with demo data
// on 127.0.0.1 and opens the wall: in Electron when its binary is present, else in Chromium
// app windows (one per screen of the layout), else it only prints the URL.
// Flags: --no-windows, --port N, --speed X, --seed N, --layout FILE, --pc ID, --kiosk.
// The windows' URLs and Chromium command lines come from main/launcher.ts (the same
// viewport and layout parameters as the Electron main), loaded through tsx.
// Ctrl+C stops every process it started.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TOKENS = { wall: 'dev-wall', touch: 'dev-touch' };

function usage(msg) {
  console.error(`start: ${msg}\nusage: npm start -- [--no-windows] [--port N] [--speed X] [--seed N] [--layout FILE] [--pc ID] [--kiosk]`);
  process.exit(2);
}

function parseArgs(argv) {
  const o = { windows: true, port: '8400', speed: '60', seed: '1', layout: path.join(root, 'assets/walls/single.json'), pc: null, kiosk: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') ? argv[++i] : usage(`${a}: missing value`));
    if (a === '--no-windows') o.windows = false;
    else if (a === '--kiosk') o.kiosk = true;
    else if (a === '--port') o.port = next();
    else if (a === '--speed') o.speed = next();
    else if (a === '--seed') o.seed = next();
    else if (a === '--layout') o.layout = path.resolve(next());
    else if (a === '--pc') o.pc = next();
    else usage(`unknown flag "${a}"`);
  }
  return o;
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
const tempDirs = [];
let stopping = false;

function track(child, name) {
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping && name === 'hub') {
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
    for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
    process.exit(code);
  };
  if (children.size === 0) finish();
  for (const c of children) {
    // track() removes the child from `children` before this listener runs.
    c.on('exit', () => children.size === 0 && finish());
    try {
      process.kill(-c.pid, 'SIGTERM');
    } catch {
      c.kill('SIGTERM');
    }
  }
  setTimeout(finish, 1500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

function startHub(port, opts) {
  const child = track(
    spawn(process.execPath, [path.join(root, 'out/hub/cli.js'), '--host', '127.0.0.1', '--port', port, '--source', 'demo', '--speed', opts.speed, '--seed', opts.seed], {
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    }),
    'hub',
  );
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout });
    rl.on('line', (line) => {
      const m = /^hub listening on (http:\/\/\S+)/.exec(line);
      if (m) resolve({ child, url: m[1] });
      else console.log(line);
    });
    child.once('exit', (code) => reject(Object.assign(new Error(`hub exited with code ${code}`), { code })));
  });
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

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const layout = readLayout(opts.layout);
  const launcher = await loadLauncher();
  // Validate the layout before starting anything (the hub URL here is a placeholder).
  const check = launcher.launcherWindows(layout, 'http://127.0.0.1:1', TOKENS, opts.pc);
  if (!check.ok) usage(`layout ${opts.layout}: ${check.error}`);
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-missing'], { stdio: 'inherit' });
  if (build.status !== 0) usage('build failed');

  let hub;
  try {
    hub = await startHub(opts.port, opts);
  } catch (e) {
    if (e.code !== 3) throw e;
    console.log(`start: port ${opts.port} is busy, taking a free one`);
    hub = await startHub('0', opts);
  }
  const plan = launcher.launcherWindows(layout, hub.url, TOKENS, opts.pc).value;
  for (const w of plan.warnings) console.warn(`start: ${w}`);
  const wins = plan.windows;
  console.log(`wall «${plan.name}»: ${wins[0].url}`);
  for (const w of wins.slice(1)) console.log(`  screen ${w.screenId}: ${w.url}`);

  if (!opts.windows) return console.log('start: --no-windows, no window opened; Ctrl+C stops the hub');
  const electron = electronBinary();
  if (electron && hasDisplay()) {
    console.log('start: opening the wall in Electron');
    const pc = opts.pc ? [`--pc=${opts.pc}`] : [];
    track(spawn(electron, [root, `--hub=${hub.url}`, `--token=${TOKENS.wall}`, `--layout=${opts.layout}`, ...pc], { stdio: 'inherit', detached: true }), 'electron');
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
    tempDirs.push(profileDir);
    const args = launcher.chromiumArgs(w, { profileDir, kiosk: opts.kiosk, noSandbox: process.getuid?.() === 0 });
    track(spawn(chromium, args, { stdio: 'ignore', detached: true }), `chromium ${w.screenId}`);
  }
}

main().catch((e) => {
  console.error(`start: ${e.message}`);
  stop(1);
});
