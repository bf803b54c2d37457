#!/usr/bin/env node
// Packaging check (issue 6): packages the built app (out/) with electron-builder into an
// unpacked Linux folder against a stub Electron (PITFALLS.md: `--dir --linux
// -c.electronDist=<folder with a file named electron>`), then checks what went into app.asar:
// the main and preload bundles and the renderer, and no sources (app/, hub/, main/*.ts,
// renderer/ sources), no node_modules, no source maps.
//
// Offline by construction: the stub is the Electron "download", ELECTRON_OVERRIDE_DIST_PATH
// points at it, the Electron cache is an empty temporary folder, and every HTTP(S) proxy
// variable points at a closed port, so any attempt to download would fail the check.
//
// The afterPack hook (build/after-pack.cjs) sees the stub and skips the fuses with a log line,
// which this check expects to see. AppImage, deb and NSIS need downloads: not built here.
//
// Usage: node scripts/check-package.mjs   (after `node scripts/build.mjs`)
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const fail = (msg) => {
  console.error(`check-package: ${msg}`);
  process.exitCode = 1;
};

const NEEDED = ['out/main/main.cjs', 'out/main/preload.cjs', 'out/renderer/index.html'];
const missing = NEEDED.filter((p) => !existsSync(path.join(root, p)));
if (missing.length) {
  console.error(`check-package: build first (node scripts/build.mjs): missing ${missing.join(', ')}`);
  process.exit(1);
}

const work = mkdtempSync(path.join(tmpdir(), 'cur-package-'));
try {
  // The stub Electron: a folder with one small executable file named `electron`.
  const dist = path.join(work, 'electron-dist');
  mkdirSync(dist);
  writeFileSync(path.join(dist, 'electron'), '#!/bin/sh\necho "stub electron for the packaging check: not runnable" >&2\nexit 1\n');
  chmodSync(path.join(dist, 'electron'), 0o755);
  const output = path.join(work, 'dist');
  const cache = path.join(work, 'empty-cache');
  mkdirSync(cache);

  const deadProxy = 'http://127.0.0.1:9';
  const env = {
    ...process.env,
    ELECTRON_OVERRIDE_DIST_PATH: dist,
    ELECTRON_CACHE: cache,
    ELECTRON_BUILDER_CACHE: cache,
    HTTP_PROXY: deadProxy,
    HTTPS_PROXY: deadProxy,
    http_proxy: deadProxy,
    https_proxy: deadProxy,
    ELECTRON_GET_USE_PROXY: '1',
    GLOBAL_AGENT_HTTP_PROXY: deadProxy,
    NO_PROXY: '',
    no_proxy: '',
    CSC_IDENTITY_AUTO_DISCOVERY: 'false',
  };
  const cli = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
  const args = [cli, '--dir', '--linux', '--x64', `-c.electronDist=${dist}`, `-c.directories.output=${output}`];
  console.log(`check-package: electron-builder ${args.slice(1).join(' ')}`);
  const started = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8', timeout: 300_000 });
  const log = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (process.env.CHECK_PACKAGE_VERBOSE) console.log(log);
  if (r.status !== 0) {
    console.error(log);
    fail(`electron-builder exited with ${r.status ?? r.signal}`);
    process.exit(1);
  }
  console.log(`check-package: packaged in ${((Date.now() - started) / 1000).toFixed(1)} s, offline (dead proxy, empty cache, stub Electron)`);
  if (/download/i.test(log) && !/SKIPPED/.test(log)) console.warn(`check-package: electron-builder mentioned a download:\n${log}`);
  if (!/after-pack: SKIPPED flipping Electron fuses/.test(log)) fail('the afterPack hook did not report skipping the fuses on the stub binary');

  const unpacked = path.join(output, 'linux-unpacked');
  const asarPath = path.join(unpacked, 'resources', 'app.asar');
  if (!existsSync(asarPath)) {
    fail(`no app.asar in ${unpacked}`);
    process.exit(1);
  }
  const asar = require('@electron/asar');
  const files = asar.listPackage(asarPath, { isPack: false }).map((f) => f.split(path.sep).join('/'));

  for (const want of ['/package.json', '/out/main/main.cjs', '/out/main/preload.cjs', '/out/renderer/index.html']) {
    if (!files.includes(want)) fail(`app.asar lacks ${want}`);
  }
  const forbidden = [
    [/^\/(app|hub|main|renderer|scripts|test|bench|build|docs|assets)\//, 'sources or tooling'],
    [/^\/node_modules\//, 'node_modules (everything is bundled)'],
    [/^\/out\/(hub|tsc)\//, 'the hub or type-check output'],
    [/\.map$/, 'a source map'],
    [/\.tsx?$/, 'a TypeScript source'],
  ];
  for (const [re, what] of forbidden) {
    const bad = files.filter((f) => re.test(f));
    if (bad.length) fail(`app.asar holds ${what}: ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ` and ${bad.length - 5} more` : ''}`);
  }
  const pkg = JSON.parse(asar.extractFile(asarPath, 'package.json').toString('utf8'));
  if (pkg.main !== 'out/main/main.cjs') fail(`packaged package.json main is ${pkg.main}, expected out/main/main.cjs`);
  if (!existsSync(path.join(unpacked, 'cur-wall'))) fail('no cur-wall executable in the unpacked folder');
  if (!process.exitCode) {
    console.log(
      `check-package: OK: app.asar has ${files.length} entries, among them ${['out/main/main.cjs', 'out/main/preload.cjs', 'out/renderer/index.html'].join(', ')}; no sources, node_modules or maps`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
