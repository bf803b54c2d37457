/**
 * Loading the wall layout file. A broken file must not leave the wall black: the caller
 * logs the error and runs without a layout (every display gets a wall screen).
 */
import { readFileSync } from 'node:fs';
import { parseWallLayout, type WallLayout } from '../app/wall/wall-layout';

export type LayoutLoad = { layout: WallLayout | null; error: string | null };

/**
 * Reads and validates a layout file. `path === null` → no layout, no error. Any failure
 * (missing file, bad JSON, schema error) → no layout and an error that names the file and,
 * for schema errors, the field.
 */
export function loadWallLayout(path: string | null, readFile: (p: string) => string = (p) => readFileSync(p, 'utf8')): LayoutLoad {
  if (path === null) return { layout: null, error: null };
  let text: string;
  try {
    text = readFile(path);
  } catch (err) {
    return { layout: null, error: `Не удалось прочитать раскладку ${path} / cannot read layout file: ${(err as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { layout: null, error: `Раскладка ${path} — не JSON / layout file is not valid JSON: ${(err as Error).message}` };
  }
  const r = parseWallLayout(json);
  return r.ok ? { layout: r.value, error: null } : { layout: null, error: `${path}: ${r.error}` };
}
