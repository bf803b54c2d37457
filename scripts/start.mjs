#!/usr/bin/env node
// `npm start`: the embedded default. Builds what is missing, starts the hub with demo data
// on 127.0.0.1 and opens the wall: in Electron when its binary is present, else in Chromium
// app windows (one per screen of the layout), else it only prints the URL.
// Flags: --no-windows, --port N, --speed X, --seed N, --layout FILE, --kiosk.
// Ctrl+C stops every process it started.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TOKEN = 'dev-wall';

function usage(msg) {
  console.error(`start: ${msg}\nusage: npm start -- [--no-windows] [--port N] [--speed X] [--seed N] [--layout FILE] [--kiosk]`);
  process.exit(2);
}

function parseArgs(argv) {
  const o = { windows: true, port: '8400', speed: '60', seed: '1', layout: path.join(root, 'assets/walls/single.json'), kiosk: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') ? argv[++i] : usage(`${a}: missing value`));
    if (a === '--no-windows') o.windows = false;
    else if (a === '--kiosk') o.kiosk = true;
    else if (a === '--port') o.port = next();
    else if (a === '--speed') o.speed = next();
    else if (a === '--seed') o.seed = next();
    else if (a === '--layout') o.layout = path.resolve(next());
    else usage(`unknown flag "${a}"`);
  }
  return o;
}

function readLayout(file) {
  try {
    const layout = JSON.parse(readFileSync(file, 'utf8'));
    if (!Array.isArray(layout.screens) || layout.screens.length === 0) throw new Error('no screens');
    return layout;
  } catch (e) {
    usage(`layout ${file}: ${e.message}`);
  }
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

function screenUrl(hubUrl, screen) {
  return screen.view === 'touch' ? `${hubUrl}/#/touch?token=dev-touch` : `${hubUrl}/#/wall/${screen.id}?token=${TOKEN}`;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const layout = readLayout(opts.layout);
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
  const urls = layout.screens.map((s) => ({ screen: s, url: screenUrl(hub.url, s) }));
  console.log(`wall: ${urls[0].url}`);
  for (const u of urls.slice(1)) console.log(`  screen ${u.screen.id}: ${u.url}`);

  if (!opts.windows) return console.log('start: --no-windows, no window opened; Ctrl+C stops the hub');
  const electron = electronBinary();
  if (electron && hasDisplay()) {
    console.log('start: opening the wall in Electron');
    track(spawn(electron, [root, `--hub=${hub.url}`, `--token=${TOKEN}`, `--layout=${opts.layout}`], { stdio: 'inherit', detached: true }), 'electron');
    return;
  }
  const chromium = chromiumBinary();
  if (!chromium || !hasDisplay()) {
    console.log(`start: ${chromium ? 'no display' : 'neither Electron nor Chromium found'}; open the URL above in a browser. Ctrl+C stops the hub`);
    return;
  }
  console.log(`start: Electron binary not installed; opening ${urls.length} Chromium app window(s)`);
  for (const { screen, url } of urls) {
    const profile = mkdtempSync(path.join(os.tmpdir(), `cur-wall-${screen.id}-`));
    tempDirs.push(profile);
    const b = screen.bounds;
    const place = b ? [`--window-position=${b.x},${b.y}`, `--window-size=${b.width},${b.height}`] : ['--start-maximized'];
    const args = [
      `--user-data-dir=${profile}`,
      ...(opts.kiosk ? [`--kiosk`, url] : [`--app=${url}`]),
      ...place,
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ];
    track(spawn(chromium, args, { stdio: 'ignore', detached: true }), `chromium ${screen.id}`);
  }
}

main().catch((e) => {
  console.error(`start: ${e.message}`);
  stop(1);
});
