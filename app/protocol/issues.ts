/**
 * Zod validation errors in words an operator reads: `field.path: message`, in Russian and
 * English. Every boundary that refuses a payload says why with it (the hub's ingest and
 * control channel, the wall layout file, the feed schemas).
 */
import type { z } from 'zod';

const TYPE_NAMES: Record<string, [ru: string, en: string]> = {
  number: ['число', 'a number'],
  int: ['целое число', 'an integer'],
  string: ['строка', 'a string'],
  object: ['объект', 'an object'],
  array: ['массив', 'an array'],
  boolean: ['true или false', 'a boolean'],
};

/** One zod issue in Russian and English. Messages we wrote ourselves are already bilingual. */
function bilingual(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (/received undefined$/.test(issue.message)) return 'обязательное поле / required';
      const [ru, en] = TYPE_NAMES[issue.expected] ?? [issue.expected, issue.expected];
      return `ожидается ${ru} / expected ${en}`;
    }
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'array') return `нужно не меньше ${min} элементов / at least ${min} items`;
      if (issue.origin === 'string') return `не короче ${min} символов / at least ${min} characters`;
      return issue.inclusive ? `не меньше ${min} / must be ≥ ${min}` : `больше ${min} / must be > ${min}`;
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'array') return `не больше ${max} элементов / at most ${max} items`;
      if (issue.origin === 'string') return `не длиннее ${max} символов / at most ${max} characters`;
      return issue.inclusive ? `не больше ${max} / must be ≤ ${max}` : `меньше ${max} / must be < ${max}`;
    }
    case 'invalid_value':
      return `одно из ${issue.values.map((v) => JSON.stringify(v)).join(', ')} / one of these`;
    case 'unrecognized_keys':
      return `неизвестное поле / unknown field`;
    default:
      return issue.message;
  }
}

/** Formats the first problems of a zod error as `field.path: message` lines, in Russian and English. */
export function describeIssues(error: z.ZodError, max = 5): string {
  const lines: string[] = [];
  for (const i of error.issues) {
    // An unknown key is reported on its object: name the key itself.
    const paths = i.code === 'unrecognized_keys' ? i.keys.map((k) => [...i.path, k]) : [i.path];
    for (const path of paths) lines.push(`${path.length ? path.join('.') : '(корень / root)'}: ${bilingual(i)}`);
  }
  return lines.slice(0, max).join('; ');
}
