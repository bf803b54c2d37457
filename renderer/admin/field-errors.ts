/**
 * Errors by field path for the admin page's forms: a form field names its path
 * (`sectors[2].color`) and shows the errors at that path or under it.
 */
import type { ConfigError } from '../../app/config/config-errors';

/** Errors at `path` or inside it (`sectors[2]` takes `sectors[2].color`). */
export function errorsAt(errors: readonly ConfigError[], path: string): ConfigError[] {
  return errors.filter((e) => e.path === path || e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`));
}

/** Errors no field of a form shows (the form lists them above itself). */
export function unplaced(errors: readonly ConfigError[], placed: readonly string[]): ConfigError[] {
  return errors.filter((e) => !placed.some((p) => e.path === p || e.path.startsWith(`${p}.`) || e.path.startsWith(`${p}[`)));
}
