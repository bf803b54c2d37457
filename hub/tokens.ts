/**
 * Token → role table. A token grants exactly one role (namespace); anything else is denied.
 * Without a tokens file the hub accepts only the development tokens and only on loopback.
 */
import { ROLES, type Role } from '../app/protocol/feed';

export type TokenTable = ReadonlyMap<string, Role>;

/** The development tokens: `dev-wall`, `dev-touch`, `dev-presenter`, `dev-ingest`, `dev-admin`. */
export const DEV_TOKENS: TokenTable = new Map(ROLES.map((r) => [`dev-${r}`, r]));

/** Parses a tokens file's JSON `{"<token>": "<role>"}`; throws a specific message. */
export function parseTokens(json: unknown): TokenTable {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('tokens file: expected a JSON object {"<token>": "<role>"}');
  const table = new Map<string, Role>();
  for (const [token, role] of Object.entries(json)) {
    if (token.length < 8) throw new Error(`tokens file: token "${token.slice(0, 3)}…" is shorter than 8 characters`);
    if (!(ROLES as readonly string[]).includes(role as string)) throw new Error(`tokens file: role "${String(role)}" is not one of ${ROLES.join(', ')}`);
    table.set(token, role as Role);
  }
  if (table.size === 0) throw new Error('tokens file: no tokens');
  return table;
}

/** Why a handshake is refused, or null when the token grants this namespace's role. */
export function authError(tokens: TokenTable, token: unknown, role: Role): string | null {
  if (typeof token !== 'string' || token === '') return 'auth: token missing (handshake auth.token)';
  const granted = tokens.get(token);
  if (!granted) return 'auth: unknown token';
  if (granted !== role) return `auth: token is not valid for /${role}`;
  return null;
}
