/**
 * Errors of a configuration document in Russian, each with the path of the field it is about
 * (issue 12: «sectors[2].color: ожидается цвет [r, g, b] из чисел 0–255»). The admin page shows
 * a message beside its field by this path; the hub returns them as `400 {errors: [{path, message}]}`.
 *
 * Messages the schemas wrote themselves are bilingual «русский / English»: the Russian half is
 * kept. Zod's own (English) messages are translated by issue code; the few English-only
 * messages of older schemas are translated by their prefix.
 */
import type { z } from 'zod';

/** One problem of a document: where (`sectors[2].color`) and what, in Russian. */
export interface ConfigError {
  readonly path: string;
  readonly message: string;
}

/** `sectors` + `[2, 'color']` → `sectors[2].color`; keys that are not identifiers are quoted. */
export function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (typeof p === 'string' && /^[A-Za-z_$][\w$-]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(String(p))}]`;
  }
  return out || '(документ)';
}

const TYPE_NAMES: Record<string, string> = {
  number: 'число',
  int: 'целое число',
  string: 'строка',
  object: 'объект',
  array: 'массив',
  boolean: 'true или false',
  tuple: 'массив',
};

const CYRILLIC = /[А-Яа-яЁё]/;

/** English-only messages of older schemas (scene.ts, meeting-script.ts, item-filter.ts), by prefix. */
const KNOWN_ENGLISH: readonly [RegExp, string][] = [
  [/^oktmo: not a municipality/, 'код ОКТМО не принадлежит муниципалитету Чувашии (набор 2025 г.)'],
  [/^(oktmo|municipality): an 8-digit/, 'ожидается 8-значный код ОКТМО Чувашии (97xxxxxx)'],
  [/^sector: an id/, 'ожидается id сектора (латиница, цифры, _ и -)'],
  [/^id: lower-case latin/, 'id: латиница в нижнем регистре, цифры и дефис, до 64 символов'],
  [/^focus needs/, 'нужен oktmo или point'],
];

/** The Russian half of a message of ours, or a translation of a known English one; null when neither. */
function ownMessage(message: string): string | null {
  if (CYRILLIC.test(message)) return message.split(' / ')[0]!.trim();
  for (const [re, ru] of KNOWN_ENGLISH) if (re.test(message)) return ru;
  return null;
}

function count(n: number | bigint, one: string, few: string, many: string): string {
  const k = Number(n) % 100;
  const d = k % 10;
  const word = k >= 11 && k <= 14 ? many : d === 1 ? one : d >= 2 && d <= 4 ? few : many;
  return `${String(n)} ${word}`;
}

/** A scene that is none of the scenes: zod reports it on the scene's `id` (a discriminated union). */
function isSceneIssue(issue: z.core.$ZodIssue): boolean {
  const n = issue.path.length;
  return issue.code === 'invalid_union' && (issue.path[n - 1] === 'scene' || (issue.path[n - 1] === 'id' && issue.path[n - 2] === 'scene'));
}

/** One zod issue in Russian. */
export function russianMessage(issue: z.core.$ZodIssue): string {
  const own = ownMessage(issue.message);
  switch (issue.code) {
    case 'invalid_type':
      if (own) return own;
      if (/received undefined$/.test(issue.message)) return 'обязательное поле';
      return `ожидается ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small': {
      if (own) return own;
      const min = issue.minimum;
      if (issue.origin === 'array' || issue.origin === 'set') return `нужно не меньше ${count(min, 'элемента', 'элементов', 'элементов')}`;
      if (issue.origin === 'string') return `не короче ${count(min, 'символа', 'символов', 'символов')}`;
      return issue.inclusive ? `не меньше ${String(min)}` : `больше ${String(min)}`;
    }
    case 'too_big': {
      if (own) return own;
      const max = issue.maximum;
      if (issue.origin === 'array' || issue.origin === 'set') return `не больше ${count(max, 'элемента', 'элементов', 'элементов')}`;
      if (issue.origin === 'string') return `не длиннее ${count(max, 'символа', 'символов', 'символов')}`;
      return issue.inclusive ? `не больше ${String(max)}` : `меньше ${String(max)}`;
    }
    case 'invalid_value':
      return own ?? `допустимо одно из: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return 'неизвестное поле';
    case 'invalid_format':
      return own ?? 'неверный формат';
    case 'not_multiple_of':
      return own ?? `должно быть кратно ${String(issue.divisor)}`;
    case 'invalid_union': {
      if (own) return own;
      if (isSceneIssue(issue)) return 'неизвестная сцена: ожидается overview, housing, sla, ratings, sector:<id сектора> или municipality:<ОКТМО>';
      const options = (issue as { options?: unknown[] }).options;
      return options ? `допустимо одно из: ${options.map((v) => JSON.stringify(v)).join(', ')}` : 'значение не подходит ни к одному из допустимых вариантов';
    }
    case 'invalid_key':
    case 'invalid_element':
      return own ?? 'недопустимый ключ или элемент';
    default:
      return own ?? 'недопустимое значение';
  }
}

/**
 * Every issue of a zod error as `{path, message}`, the path under `root` (the document's name);
 * one message per field (the first: a malformed code need not also be called unknown).
 */
export function configErrors(root: string, error: z.ZodError): ConfigError[] {
  const out: ConfigError[] = [];
  const seen = new Set<string>();
  for (const i of error.issues) {
    // An unknown key is reported on its object: name the key itself; a scene on the scene, not its `id`.
    const paths =
      i.code === 'unrecognized_keys' ? i.keys.map((k) => [...i.path, k]) : [isSceneIssue(i) && i.path.at(-1) === 'id' ? i.path.slice(0, -1) : i.path];
    for (const p of paths) {
      const path = formatPath(root, p);
      if (seen.has(path)) continue;
      seen.add(path);
      out.push({ path, message: russianMessage(i) });
    }
  }
  return out;
}

/** `path: message` lines, for logs and status lines. */
export function describeConfigErrors(errors: readonly ConfigError[], max = 5): string {
  const shown = errors.slice(0, max).map((e) => `${e.path}: ${e.message}`);
  if (errors.length > max) shown.push(`… и ещё ${errors.length - max}`);
  return shown.join('; ');
}
