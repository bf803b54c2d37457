/**
 * Named officers at the hub (issue 15; `app/protocol/officer.ts`): each `/touch` and
 * `/presenter` socket has a person, the token's holder (tokens file) or the officer signed in
 * by PIN against the `people` configuration document. `socketPerson` gives it to the control
 * channel and the alarm acknowledgement, which write it into the audit.
 *
 * PIN attempts are limited per token (5, then one more every 30 s), so a panel cannot be used
 * to try every PIN; a sign-in is audited with its outcome, never with the PIN. A PIN sign-in
 * ends on `officer:signout` (the page sends it after `idleMinutes` without a touch: browsing
 * sends no command, so only the page knows the officer is still there) or with the socket.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Namespace, Socket } from 'socket.io';
import type { People, PersonEntry } from '../app/config/people';
import type { Role } from '../app/protocol/feed';
import type { OfficerClientEvents, OfficerServerEvents, OfficerState, SigninAck } from '../app/protocol/officer';
import type { FeedLog } from './feed-log';
import { TokenBucket } from './limits';
import { personOf, type Person, type TokenTable } from './tokens';

/** Where a PIN may sign in: the page's role. */
const SIGNIN_ROLES: readonly Role[] = ['touch', 'presenter'];

/** `scrypt:<salt hex>:<hash hex>` of a PIN (for the `people` document's `pinHash`). */
export function hashPin(pin: string, salt = randomBytes(16).toString('hex')): string {
  return `scrypt:${salt}:${scryptSync(pin, salt, 32).toString('hex')}`;
}

function pinMatches(p: PersonEntry, pin: string): boolean {
  if (p.pin !== undefined) {
    const a = Buffer.from(p.pin);
    const b = Buffer.from(pin);
    return a.length === b.length && timingSafeEqual(a, b);
  }
  if (!p.pinHash) return false;
  const [, salt, hex] = p.pinHash.split(':');
  return timingSafeEqual(Buffer.from(hashPin(pin, salt!).split(':')[2]!, 'hex'), Buffer.from(hex!, 'hex'));
}

/** The officer of `role` with this PIN, or null. */
export function verifyPin(people: People, role: Role, pin: string): PersonEntry | null {
  return people.people.find((p) => p.role === role && pinMatches(p, pin)) ?? null;
}

interface Session {
  person: Person | null;
  via: 'pin' | 'token' | null;
  lastActive: number;
}

/**
 * Sessions by socket object. A socket is keyed as itself whatever event maps its namespace is
 * typed with (the officer events here, the control events in control.ts): the same object.
 */
const sessions = new WeakMap<object, Session>();

/** The person acting on a socket now (null: nobody named). */
export function socketPerson(socket: object): Person | null {
  return sessions.get(socket)?.person ?? null;
}

export interface OfficersDeps {
  tokens: TokenTable;
  people: () => People;
  log: FeedLog;
  now: () => number;
  /** The handshake token of a socket. */
  tokenOf: (socket: Pick<Socket, 'handshake'>) => string;
}

/** A sign-in role's namespace as officers see it (app/protocol/officer.ts). */
export type OfficerNamespace = Namespace<OfficerClientEvents, OfficerServerEvents>;
type OfficerSocket = Socket<OfficerClientEvents, OfficerServerEvents>;

export interface Officers {
  attach(role: Role, nsp: OfficerNamespace): void;
  /** Marks a socket active (a command); returns the person acting on it now. */
  touch(socket: object): Person | null;
}

export function createOfficers(deps: OfficersDeps): Officers {
  const buckets = new Map<string, TokenBucket>();
  const tokenSession = (socket: OfficerSocket): Session => {
    const p = personOf(deps.tokens, deps.tokenOf(socket));
    return { person: p, via: p ? 'token' : null, lastActive: deps.now() };
  };
  const stateOf = (s: Session): OfficerState => ({
    person: s.person && { name: s.person.name, position: s.person.position },
    via: s.via,
    idleMinutes: deps.people().idleMinutes,
  });
  const emit = (socket: OfficerSocket, s: Session) => socket.emit('officer:state', stateOf(s));
  const audit = (role: Role, socket: OfficerSocket, command: string, result: string, person: Person | null) =>
    deps.log.audit({ at: deps.now(), role, client: socket.id, command, result, person: person?.name ?? null });

  return {
    attach(role, nsp) {
      if (!SIGNIN_ROLES.includes(role)) return;
      nsp.on('connection', (socket) => {
        const session = tokenSession(socket);
        sessions.set(socket, session);
        emit(socket, session);
        socket.on('officer:signin', (pin: unknown, ack: unknown) => {
          const reply = typeof ack === 'function' ? (ack as (a: SigninAck) => void) : () => {};
          const token = deps.tokenOf(socket);
          let bucket = buckets.get(token);
          if (!bucket) buckets.set(token, (bucket = new TokenBucket(1 / 30, 5, deps.now)));
          if (!bucket.take().ok) {
            audit(role, socket, 'officer:signin', 'refused: too many PIN attempts', null);
            return reply({ ok: false, error: 'слишком много попыток ввода PIN: подождите 30 секунд' });
          }
          const found = typeof pin === 'string' && /^\d{4,8}$/.test(pin) ? verifyPin(deps.people(), role, pin) : null;
          if (!found) {
            audit(role, socket, 'officer:signin', 'refused: wrong PIN', null);
            return reply({ ok: false, error: 'неверный PIN' });
          }
          const person: Person = { name: found.name, position: found.position || null };
          const next: Session = { person, via: 'pin', lastActive: deps.now() };
          sessions.set(socket, next);
          audit(role, socket, 'officer:signin', 'ok', person);
          emit(socket, next);
          reply({ ok: true, person });
        });
        socket.on('officer:signout', (ack: unknown) => {
          const before = sessions.get(socket);
          if (before?.via === 'pin') audit(role, socket, 'officer:signout', 'ok', before.person);
          const next = tokenSession(socket);
          sessions.set(socket, next);
          emit(socket, next);
          if (typeof ack === 'function') (ack as (a: SigninAck) => void)({ ok: true });
        });
      });
    },
    touch(socket) {
      const s = sessions.get(socket);
      if (!s) return null;
      s.lastActive = deps.now();
      return s.person;
    },
  };
}
