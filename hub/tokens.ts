/**
 * Token → role table. A token grants exactly one role (namespace); anything else is denied.
 * Without a tokens file the hub accepts only the development tokens and only on loopback.
 *
 * - A tokens file may not contain a development token (`dev-wall` … `dev-agent`): they are
 *   public, so the hub refuses to start (and a reload keeps the previous table).
 * - `agent` (or `agent:<pc>`): a wall PC's agent token. It connects to `/admin` only as a
 *   wall agent (`auth.client: 'wall-agent'`, and with `agent:<pc>` only with that `pc`); it
 *   reports its screens and answers reload/capture, and may not read the feed, send operator
 *   commands or use the HTTP API.
 * - A token may name its holder (issue 15): `{"<token>": {"role": "touch", "name": "Иванов И. И.",
 *   "position": "дежурный"}}` besides `"<token>": "<role>"`; `personOf(table, token)` gives the
 *   person, whose name goes into the audit with every command. A touch panel or presenter may
 *   switch the officer by PIN (`hub/officers.ts`, the `people` configuration document).
 * - The table is reloaded in place on SIGHUP or when the file changes (`watchTokensFile`);
 *   clients whose token no longer grants their namespace are disconnected
 *   (`onTokensChanged`).
 */
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { ROLES, type Role } from '../app/protocol/feed';

/** What a token grants: a namespace's role, or a wall PC's agent (optionally bound to its `pc`). */
export type TokenRole = Role | 'agent' | `agent:${string}`;
export type TokenTable = ReadonlyMap<string, TokenRole>;

/** The development tokens: `dev-wall`, `dev-touch`, `dev-presenter`, `dev-ingest`, `dev-admin`, `dev-agent`. */
export const DEV_TOKENS: TokenTable = new Map<string, TokenRole>([...ROLES.map((r): [string, TokenRole] => [`dev-${r}`, r]), ['dev-agent', 'agent']]);

/** The development tokens name demo holders, so acknowledgements work in a demo and in tests. */
const DEV_PERSONS = new Map<string, Person>([
  ['dev-touch', { name: 'Дежурный (демо)', position: 'дежурный' }],
  ['dev-presenter', { name: 'Куратор (демо)', position: 'куратор' }],
  ['dev-admin', { name: 'Администратор (демо)', position: null }],
]);

/** The namespace a grant opens: an agent's is `/admin`. */
export function namespaceOf(grant: TokenRole): Role {
  return isAgent(grant) ? 'admin' : (grant as Role);
}

export function isAgent(grant: TokenRole | undefined): boolean {
  return grant === 'agent' || (grant?.startsWith('agent:') ?? false);
}

/** The PC an `agent:<pc>` token is bound to; null for `agent` and other roles. */
export function agentPcOf(grant: TokenRole | undefined): string | null {
  return grant?.startsWith('agent:') ? grant.slice(6) : null;
}

/** The role whose projection and rights a token has on reading routes; null for ingest and agents. */
export function readingRoleOf(grant: TokenRole | undefined): Role | null {
  if (!grant || isAgent(grant) || grant === 'ingest') return null;
  return grant as Role;
}

/** A named holder of a token (or an officer signed in by PIN). */
export interface Person {
  name: string;
  position: string | null;
}

const persons = new WeakMap<TokenTable, Map<string, Person>>([[DEV_TOKENS, DEV_PERSONS]]);

/** The person a token names, or null (a bare `"<token>": "<role>"`, or a development token). */
export function personOf(table: TokenTable, token: string | undefined): Person | null {
  return token === undefined ? null : (persons.get(table)?.get(token) ?? null);
}

/** The role and person of a tokens file's entry: a role string or `{role, name, position?}`. */
function entryOf(token: string, v: unknown): { role: unknown; person: Person | null } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { role: v, person: null };
  const o = v as Record<string, unknown>;
  const unknownKey = Object.keys(o).find((k) => !['role', 'name', 'position'].includes(k));
  if (unknownKey) throw new Error(`tokens file: token "${token.slice(0, 3)}…": unknown field "${unknownKey}" (role, name, position)`);
  if (typeof o.name !== 'string' || o.name.trim() === '' || o.name.length > 200)
    throw new Error(`tokens file: token "${token.slice(0, 3)}…": "name" must be the holder's name (1–200 characters)`);
  if (o.position !== undefined && (typeof o.position !== 'string' || o.position.length > 200))
    throw new Error(`tokens file: token "${token.slice(0, 3)}…": "position" must be a string of ≤ 200 characters`);
  return { role: o.role, person: { name: o.name.trim(), position: typeof o.position === 'string' && o.position.trim() !== '' ? o.position.trim() : null } };
}

/**
 * Parses a tokens file's JSON `{"<token>": "<role>" | {"role", "name", "position"?}}`; throws a
 * specific message.
 */
export function parseTokens(json: unknown): TokenTable {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('tokens file: expected a JSON object {"<token>": "<role>"}');
  const table = new Map<string, TokenRole>();
  const named = new Map<string, Person>();
  for (const [token, entry] of Object.entries(json)) {
    const { role, person } = entryOf(token, entry);
    if (person) named.set(token, person);
    if (DEV_TOKENS.has(token)) throw new Error(`tokens file: "${token}" is a public development token; give every client a secret token of ≥ 8 characters`);
    if (token.length < 8) throw new Error(`tokens file: token "${token.slice(0, 3)}…" is shorter than 8 characters`);
    const agent = typeof role === 'string' && /^agent(:[A-Za-z0-9._-]{1,32})?$/.test(role);
    if (!agent && !(ROLES as readonly string[]).includes(role as string))
      throw new Error(`tokens file: role "${String(role)}" is not one of ${ROLES.join(', ')}, agent, agent:<pc>`);
    table.set(token, role as TokenRole);
  }
  if (table.size === 0) throw new Error('tokens file: no tokens');
  persons.set(table, named);
  return table;
}

/** What the handshake says about the client, for the agent rules. */
export interface HandshakeClaims {
  /** `auth.client === 'wall-agent'`. */
  wallAgent?: boolean;
  /** `auth.pc` of a wall agent. */
  pc?: string | null;
}

/** Why a handshake is refused, or null when the token grants this namespace's role. */
export function authError(tokens: TokenTable, token: unknown, role: Role, claims: HandshakeClaims = {}): string | null {
  if (typeof token !== 'string' || token === '') return 'auth: token missing (handshake auth.token)';
  const granted = tokens.get(token);
  if (!granted) return 'auth: unknown token';
  if (isAgent(granted)) {
    if (role !== 'admin') return `auth: an agent token is valid only for /admin as a wall agent, not for /${role}`;
    if (!claims.wallAgent) return "auth: an agent token connects only as a wall agent (auth.client 'wall-agent')";
    const pc = agentPcOf(granted);
    if (pc !== null && claims.pc !== pc) return `auth: this agent token is for wall PC "${pc}"`;
    return null;
  }
  if (granted !== role) return `auth: token is not valid for /${role}`;
  return null;
}

// ------------------------------------------------------------------- reloading

const listeners = new WeakMap<TokenTable, Set<() => void>>();

/** Calls `fn` after every reload of `table` (the hub disconnects revoked clients). */
export function onTokensChanged(table: TokenTable, fn: () => void): () => void {
  let set = listeners.get(table);
  if (!set) listeners.set(table, (set = new Set()));
  set.add(fn);
  return () => set.delete(fn);
}

/**
 * Reads `file` again and replaces the contents of `table` in place (everyone holding the table
 * sees the new tokens). A bad file changes nothing: the answer says why.
 */
export function reloadTokens(file: string, table: TokenTable): { ok: true; tokens: number } | { ok: false; error: string } {
  let next: TokenTable;
  try {
    next = parseTokens(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    return { ok: false, error: `--tokens ${file}: ${(e as Error).message}; the previous tokens stay` };
  }
  if (!(table instanceof Map) || table === DEV_TOKENS) return { ok: false, error: 'the development tokens cannot be reloaded' };
  const t = table as Map<string, TokenRole>;
  t.clear();
  for (const [k, v] of next) t.set(k, v);
  persons.set(table, persons.get(next) ?? new Map());
  for (const fn of listeners.get(table) ?? []) fn();
  return { ok: true, tokens: t.size };
}

/**
 * Reloads `table` from `file` whenever the file changes (polled every `intervalMs`, so an
 * editor's rename-and-replace is seen too); `report` gets every outcome. Returns a stop
 * function. The CLI also reloads on SIGHUP.
 */
export function watchTokensFile(file: string, table: TokenTable, report: (r: ReturnType<typeof reloadTokens>) => void, intervalMs = 1000): () => void {
  const onChange = (cur: { mtimeMs: number; size: number }, prev: { mtimeMs: number; size: number }) => {
    if (cur.mtimeMs === prev.mtimeMs && cur.size === prev.size) return;
    report(reloadTokens(file, table));
  };
  watchFile(file, { interval: intervalMs, persistent: false }, onChange);
  return () => unwatchFile(file, onChange);
}

/** The message the CLI prints for a reload. */
export function describeReload(r: ReturnType<typeof reloadTokens>, why: string): string {
  return r.ok ? `hub: tokens reloaded (${why}): ${r.tokens} tokens` : `hub: tokens not reloaded (${why}): ${r.error}`;
}
