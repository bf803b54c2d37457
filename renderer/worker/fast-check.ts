/**
 * A fast acceptance test compiled from a zod schema, for the feed's bulk path (a snapshot of
 * up to 10^6 entities). The renderer's Content-Security-Policy forbids `eval`, so zod runs
 * its interpreted parser in the worker (≈ 5 µs an entity, and a copy of each); this walks the
 * schema's definition once and builds plain closures for the constructs the entity schemas
 * use: strings (length, regex), numbers (finite, ranges, safe integers), literals, enums,
 * optionals, strict objects, discriminated unions and arrays.
 *
 * It only ever says "valid" for a value zod accepts unchanged: a schema with any other
 * construct (a transform, a default, a refinement, a non-strict object, an unknown check)
 * compiles to null, and a value it rejects goes to zod, which decides and explains. So the
 * worker keeps zod's verdict and messages, and a valid entity is kept as parsed (zod's
 * output of these schemas is a key-for-key copy of its input). fast-check.test.ts checks the
 * verdicts against zod on valid and broken entities.
 */
import type { z } from 'zod';

type Check = (v: unknown) => boolean;

interface Def {
  type: string;
  checks?: Array<{ _zod: { def: CheckDef } }>;
  coerce?: boolean;
  values?: unknown[];
  entries?: Record<string, unknown>;
  innerType?: Schema;
  shape?: Record<string, Schema>;
  catchall?: Schema;
  options?: Schema[];
  discriminator?: string;
  element?: Schema;
}
interface CheckDef {
  check: string;
  /** Runs the check only when it says so (zod's length checks: «has a length»); called as zod calls it. */
  when?: (payload: { value: unknown; issues: unknown[] }) => boolean;
  format?: string;
  value?: unknown;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  length?: number;
  pattern?: RegExp;
}
interface Schema {
  _zod: { def: Def };
}

/** Thrown inside the compiler for a construct it does not know: the schema compiles to null. */
class Unsupported extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Length and pattern checks of strings and arrays; range and integer checks of numbers. */
function checksOf(def: Def, kind: 'string' | 'number' | 'array'): Array<(v: never) => boolean> {
  const out: Array<(v: never) => boolean> = [];
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.when !== undefined && typeof d.when !== 'function') throw new Unsupported('conditional check');
    const n = (x: unknown): number => {
      if (typeof x !== 'number') throw new Unsupported(`${d.check} on ${typeof x}`);
      return x;
    };
    if (kind !== 'number' && d.check === 'min_length') {
      const min = n(d.minimum);
      out.push((v: { length: number }) => v.length >= min);
    } else if (kind !== 'number' && d.check === 'max_length') {
      const max = n(d.maximum);
      out.push((v: { length: number }) => v.length <= max);
    } else if (kind !== 'number' && d.check === 'length_equals') {
      const len = n(d.length);
      out.push((v: { length: number }) => v.length === len);
    } else if (kind === 'string' && d.check === 'string_format' && d.format === 'regex' && d.pattern instanceof RegExp) {
      const re = d.pattern;
      out.push((v: string) => {
        re.lastIndex = 0;
        return re.test(v);
      });
    } else if (kind === 'number' && d.check === 'greater_than') {
      const min = n(d.value);
      out.push(d.inclusive ? (v: number) => v >= min : (v: number) => v > min);
    } else if (kind === 'number' && d.check === 'less_than') {
      const max = n(d.value);
      out.push(d.inclusive ? (v: number) => v <= max : (v: number) => v < max);
    } else if (kind === 'number' && d.check === 'number_format' && d.format === 'safeint') {
      out.push((v: number) => Number.isSafeInteger(v));
    } else throw new Unsupported(`check ${d.check}${d.format ? ` (${d.format})` : ''}`);
    // A value that reaches this check passed every earlier one: zod's payload has no issue yet.
    const when = d.when;
    if (when) {
      const check = out.pop()!;
      out.push((v: never) => !when({ value: v, issues: [] }) || check(v));
    }
  }
  return out;
}

function all<T>(checks: Array<(v: T) => boolean>): (v: T) => boolean {
  return (v) => {
    for (const c of checks) if (!c(v)) return false;
    return true;
  };
}

function compile(schema: Schema): Check {
  const def = schema._zod.def;
  if (def.coerce) throw new Unsupported('coercion');
  switch (def.type) {
    case 'string': {
      const ok = all(checksOf(def, 'string') as Array<(v: string) => boolean>);
      return (v) => typeof v === 'string' && ok(v);
    }
    case 'number': {
      const ok = all(checksOf(def, 'number') as Array<(v: number) => boolean>);
      return (v) => typeof v === 'number' && Number.isFinite(v) && ok(v);
    }
    case 'literal':
    case 'enum': {
      if (def.checks?.length) throw new Unsupported(`checks on ${def.type}`);
      const values = new Set(def.type === 'literal' ? def.values : Object.values(def.entries ?? {}));
      // Only primitive members: zod compares them by identity too.
      for (const x of values) if (typeof x === 'object' && x !== null) throw new Unsupported('object literal');
      return (v) => values.has(v);
    }
    case 'optional': {
      const inner = compile(def.innerType!);
      return (v) => v === undefined || inner(v);
    }
    case 'object': {
      if (def.checks?.length) throw new Unsupported('object refinement');
      // Strict objects only: a stripping object's output differs from its input.
      if (def.catchall?._zod.def.type !== 'never') throw new Unsupported('non-strict object');
      const keys = Object.keys(def.shape ?? {});
      const checks = keys.map((k) => compile(def.shape![k]!));
      return (v) => {
        if (!isObject(v)) return false;
        let present = 0;
        for (let i = 0; i < keys.length; i++) {
          const x = v[keys[i]!];
          if (x !== undefined) present++;
          if (!checks[i]!(x)) return false;
        }
        // No other key: the own keys are exactly the known ones present (a key set to undefined,
        // or an own `__proto__`, makes the counts differ: then zod decides).
        return Object.keys(v).length === present;
      };
    }
    case 'union': {
      if (def.checks?.length || !def.discriminator) throw new Unsupported('union without a discriminator');
      const key = def.discriminator;
      const byTag = new Map<unknown, Check>();
      for (const option of def.options ?? []) {
        const tag = option._zod.def.shape?.[key]?._zod.def;
        if (tag?.type !== 'literal' || !tag.values) throw new Unsupported('discriminator not a literal');
        const check = compile(option);
        for (const t of tag.values) {
          if (byTag.has(t)) throw new Unsupported('discriminator value used twice');
          byTag.set(t, check);
        }
      }
      return (v) => {
        if (!isObject(v)) return false;
        const check = byTag.get(v[key]);
        return check !== undefined && check(v);
      };
    }
    case 'array': {
      const element = compile(def.element!);
      const ok = all(checksOf(def, 'array') as Array<(v: unknown[]) => boolean>);
      return (v) => {
        if (!Array.isArray(v) || !ok(v)) return false;
        for (const e of v) if (!element(e)) return false;
        return true;
      };
    }
    default:
      throw new Unsupported(def.type);
  }
}

/**
 * The fast acceptance test of `schema`, or null when it uses a construct this does not
 * compile (then every value goes to zod). True means zod accepts the value and returns an
 * equal copy; false means nothing: ask zod.
 */
export function compileFastCheck(schema: z.ZodType): Check | null {
  try {
    return compile(schema as unknown as Schema);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}
