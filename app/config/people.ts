/**
 * The `people` configuration document (issue 15 «Named officers»): the duty officers who sign in
 * on a touch panel or a presenter page by PIN, and how long a signed-in officer stays signed in
 * without touching the screen. A PIN is given plain (`pin`) or as a hash (`pinHash`,
 * `scrypt:<salt hex>:<hash hex>`, made by `hashPin` of hub/officers.ts, e.g.
 * `npx tsx -e "import('./hub/officers.ts').then((m) => console.log(m.hashPin('1234')))"`).
 *
 * PINs never leave the hub: `publicPeople` is what any reader (and every wall) receives.
 */
import { z } from 'zod';

/** Roles an officer can sign in as (the namespaces that command the wall, and the curator's). */
export const OFFICER_ROLES = ['touch', 'presenter', 'admin'] as const;

export const PIN_PATTERN = /^\d{4,8}$/;

export const PersonEntrySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'латиница в нижнем регистре, цифры и дефис'),
  /** «Иванов И. И.» */
  name: z.string().trim().min(1, 'нужно имя').max(200),
  /** «дежурный», «старший смены» */
  position: z.string().trim().max(200).default(''),
  /** Where the PIN signs in. */
  role: z.enum(OFFICER_ROLES),
  pin: z.string().regex(PIN_PATTERN, 'PIN: от 4 до 8 цифр').optional(),
  pinHash: z
    .string()
    .regex(/^scrypt:[0-9a-f]{16,64}:[0-9a-f]{64}$/, 'pinHash: «scrypt:<соль hex>:<хэш hex>»')
    .optional(),
});
export type PersonEntry = z.output<typeof PersonEntrySchema>;

export const PeopleSchema = z
  .strictObject({
    /** A signed-in officer is signed out after this many minutes without a touch. @default 10 */
    idleMinutes: z.number().int().min(1).max(240).default(10),
    people: z.array(PersonEntrySchema).max(500).default([]),
  })
  .superRefine((doc, ctx) => {
    const ids = new Set<string>();
    const pins = new Map<string, number>();
    doc.people.forEach((p, i) => {
      if (ids.has(p.id)) ctx.addIssue({ code: 'custom', path: ['people', i, 'id'], message: `повтор id «${p.id}»` });
      ids.add(p.id);
      if (p.pin && p.pinHash) ctx.addIssue({ code: 'custom', path: ['people', i, 'pinHash'], message: 'укажите pin или pinHash, не оба' });
      if (!p.pin && !p.pinHash) ctx.addIssue({ code: 'custom', path: ['people', i, 'pin'], message: 'нужен pin или pinHash' });
      if (p.pin) {
        const k = `${p.role}:${p.pin}`;
        const first = pins.get(k);
        if (first !== undefined)
          ctx.addIssue({ code: 'custom', path: ['people', i, 'pin'], message: `этот PIN уже у people.${first} (${doc.people[first]!.name})` });
        else pins.set(k, i);
      }
    });
  });
export type People = z.output<typeof PeopleSchema>;

/** The built-in document: nobody, 10 minutes. */
export const DEFAULT_PEOPLE: People = { idleMinutes: 10, people: [] };

/** The document as readers receive it: no PIN, no hash. */
export function publicPeople(doc: People): People {
  return { ...doc, people: doc.people.map(({ pin: _pin, pinHash: _hash, ...p }) => p) };
}
