#!/usr/bin/env node
// Builds the three bundles into out/: hub (Node ESM: the hub's CLI and `hub:backup`), main +
// preload (Electron CJS) and the
// renderer (Vite). `--if-missing [targets…]` rebuilds a target only when its output is
// missing or older than its sources (what `npm start` and `npm run hub` use).
import { build as esbuild } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const r = (...p) => path.join(root, ...p);

const targets = {
  hub: { sources: ['app', 'hub'], output: ['out/hub/cli.js', 'out/hub/backup.js', 'out/hub/import-worker.js'], build: buildHub },
  main: { sources: ['app', 'main'], output: 'out/main/main.cjs', build: buildMain },
  renderer: { sources: ['app', 'renderer', 'assets', 'vite.config.ts'], output: 'out/renderer/index.html', build: buildRenderer },
};

function newestMtime(p) {
  const st = statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, name)));
  return max;
}

function isStale(t) {
  const outputs = [t.output].flat().map((o) => statSync(r(o), { throwIfNoEntry: false }));
  if (outputs.some((o) => !o)) return true;
  const oldest = Math.min(...outputs.map((o) => o.mtimeMs));
  return t.sources.some((s) => newestMtime(r(s)) > oldest);
}

async function buildHub() {
  await esbuild({
    // One self-contained bundle per entry: the hub and the backup tool.
    entryPoints: { cli: r('hub/cli.ts'), backup: r('hub/backup-cli.ts'), 'import-worker': r('hub/import/import-worker.ts') },
    outdir: r('out/hub'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

async function buildMain() {
  const common = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', external: ['electron'], sourcemap: true, logLevel: 'warning' };
  await esbuild({ ...common, entryPoints: [r('main/main.ts')], outfile: r('out/main/main.cjs') });
  // A sandboxed preload can require only a few modules: bundle it into one file.
  await esbuild({ ...common, entryPoints: [r('main/preload.ts')], outfile: r('out/main/preload.cjs') });
}

async function buildRenderer() {
  const { build } = await import('vite');
  await build({ configFile: r('vite.config.ts'), logLevel: 'warn' });
}

const args = process.argv.slice(2);
const ifMissing = args[0] === '--if-missing';
const names = (ifMissing ? args.slice(1) : args).filter((a) => !a.startsWith('--'));
const chosen = names.length ? names : Object.keys(targets);
for (const name of chosen) {
  const t = targets[name];
  if (!t) {
    console.error(`build: unknown target "${name}" (hub, main, renderer)`);
    process.exit(2);
  }
  if (name === 'main' && !existsSync(r('main/main.ts'))) continue;
  if (ifMissing && !isStale(t)) continue;
  const started = Date.now();
  await t.build();
  console.log(`build: ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
