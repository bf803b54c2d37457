/**
 * The renderer the browser tests of the touch panel and the presenter open: the normal
 * build (`out/renderer`, made by `node scripts/build.mjs renderer`, which `npm test` runs).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The static folder to serve (absolute), and a cleanup (nothing to clean for the shared build). */
export async function controlRenderer(): Promise<{ dir: string; cleanup: () => void }> {
  const dir = path.join(ROOT, 'out/renderer');
  if (!existsSync(path.join(dir, 'index.html'))) throw new Error('renderer build missing: run `node scripts/build.mjs renderer` (npm test does)');
  return { dir, cleanup: () => {} };
}
