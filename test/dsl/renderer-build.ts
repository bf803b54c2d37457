/**
 * The renderer the browser tests of the touch panel and the presenter open. Once
 * `renderer/App.tsx` mounts `TouchPanel` and `Presenter`, that is the normal build
 * (`out/renderer`, made by `node scripts/build.mjs renderer`). Until then, a build of its own
 * in which `renderer/main.tsx` gets `control-app.ts` instead of `./App` (a few seconds).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** True when App.tsx itself routes to the touch panel and the presenter. */
export function appMountsControlPages(): boolean {
  const app = readFileSync(path.join(ROOT, 'renderer/App.tsx'), 'utf8');
  return /<TouchPanel\b/.test(app) && /<Presenter\b/.test(app);
}

/** The static folder to serve (absolute), and a cleanup for a build of its own. */
export async function controlRenderer(): Promise<{ dir: string; cleanup: () => void }> {
  if (appMountsControlPages()) {
    const dir = path.join(ROOT, 'out/renderer');
    if (!existsSync(path.join(dir, 'index.html'))) throw new Error('renderer build missing: run `node scripts/build.mjs renderer` (npm test does)');
    return { dir, cleanup: () => {} };
  }
  // One folder per test process: test files run in parallel.
  const dir = path.join(ROOT, `out/renderer-control-${process.pid}`);
  const { build } = await import('vite');
  const swap = path.join(ROOT, 'test/dsl/control-app.ts');
  await build({
    configFile: path.join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: dir, emptyOutDir: true },
    plugins: [
      {
        name: 'control-app',
        enforce: 'pre',
        resolveId(source, importer) {
          return source === './App' && importer?.endsWith(`${path.sep}renderer${path.sep}main.tsx`) ? swap : null;
        },
      },
    ],
  });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
