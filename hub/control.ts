/**
 * The hub side of the control channel: commands from `/touch` and `/presenter` only,
 * validated and role-checked; every command, accepted or refused, in the audit log; the
 * resulting state broadcast to every reading namespace.
 *
 * Limits (issue 10): every `control:command` of a socket takes a token from its bucket
 * (`--command-rate`, `--command-burst`); beyond it the command is refused (`rate-limited`).
 * Accepted commands are audited one row each. Refused ones are aggregated: at most one audit
 * row per client per minute, written when the client's minute is over (or it disconnects, or
 * the hub stops), with the count, the reasons and the first command of the minute, so a
 * flood of refused commands cannot fill the audit table.
 */
import type { Namespace, Socket } from 'socket.io';
import {
  applyControl,
  ControlCommandSchema,
  initialControlState,
  type ControlAck,
  type ControlClientEvents,
  type ControlServerEvents,
  type ControlState,
} from '../app/protocol/control';
import type { Role } from '../app/protocol/feed';
import { describeIssues } from '../app/protocol/issues';
import type { FeedLog } from './feed-log';
import { quarantineText } from './ingest';
import { countLimited, retryAfterSeconds, TokenBucket, type HubLimits } from './limits';
import type { Metrics } from './metrics';
import type { AlarmStore } from './alarms/alarm-store';
import type { Officers } from './officers';

/** Namespaces whose clients may command the wall. */
export const COMMANDING_ROLES: readonly Role[] = ['touch', 'presenter'];

/** Refused commands of one client are written as one audit row per this period. */
export const REFUSAL_WINDOW_MS = 60_000;

/** A namespace as the control channel sees it (app/protocol/control.ts). */
export type ControlNamespace = Namespace<ControlClientEvents, ControlServerEvents>;

export interface Control {
  state(): ControlState;
  /** Registers `control:command` on a namespace and sends the state to new clients. */
  attach(role: Role, nsp: ControlNamespace): void;
  /** Writes the pending refusal rows now (tests; the hub does it every minute). */
  flushAudit(): void;
  close(): void;
}

/** Refusals of one client in its current minute. */
interface Refusals {
  role: Role;
  client: string;
  since: number;
  count: number;
  /** Count by error text (the first 20 distinct ones). */
  reasons: Map<string, number>;
  /** The first refused command of the minute. */
  first: string;
}

export interface ControlDeps {
  log: FeedLog;
  metrics: Metrics;
  now: () => number;
  limits: Pick<HubLimits, 'commandRate' | 'commandBurst'>;
  broadcast: (state: ControlState) => void;
  /** Who acts on each socket (issue 15): their name goes into the audit. */
  officers?: Officers;
  /** The hub's alarm records: `alarm:ack` acknowledges one (a name needed, a comment for critical). */
  alarms?: AlarmStore;
  /** Evaluates the alarm rules now (an ack that names an alarm of a change just published). */
  refreshAlarms?: () => void;
}

export function createControl(deps: ControlDeps): Control {
  // On a cluster log the state is the cluster's (hub/cluster/shared-control.ts): every node's
  // accepted commands reach this node's clients through its onChange.
  const shared = deps.log.sharedControl;
  let state = shared ? shared.current() : initialControlState(deps.now());
  shared?.onChange((s) => {
    state = s;
    deps.broadcast(s);
  });
  const refusals = new Map<string, Refusals>();

  function write(r: Refusals): void {
    const reasons = [...r.reasons].map(([e, n]) => (r.reasons.size === 1 && n === r.count ? e : `${e} (×${n})`)).join('; ');
    const result = r.count === 1 ? `refused: ${reasons}` : `refused ×${r.count} in ${Math.round(REFUSAL_WINDOW_MS / 1000)} s: ${reasons}`;
    deps.log.audit({ at: r.since, role: r.role, client: r.client, command: r.first, result });
  }

  function flush(all: boolean): void {
    const t = deps.now();
    for (const [k, r] of refusals) {
      if (!all && t - r.since < REFUSAL_WINDOW_MS) continue;
      refusals.delete(k);
      write(r);
    }
  }
  const timer = setInterval(() => flush(false), 5000);
  timer.unref();

  function handle(
    role: Role,
    socket: Socket<ControlClientEvents, ControlServerEvents>,
    bucket: TokenBucket,
    raw: unknown,
    reply: (a: ControlAck & { retryAfterMs?: number }) => void,
  ): void {
    const refuse = (reason: string, error: string, retryAfterMs?: number) => {
      deps.metrics.inc('cur_hub_commands_total', 'Control commands, by result', { result: reason });
      const key = `${role}\u0000${socket.id}`;
      let r = refusals.get(key);
      if (!r) refusals.set(key, (r = { role, client: socket.id, since: deps.now(), count: 0, reasons: new Map(), first: quarantineText(raw) }));
      r.count++;
      if (r.reasons.has(error) || r.reasons.size < 20) r.reasons.set(error, (r.reasons.get(error) ?? 0) + 1);
      reply(retryAfterMs === undefined ? { ok: false, error } : { ok: false, error, retryAfterMs });
    };
    const taken = bucket.take();
    if (!taken.ok) {
      countLimited(deps.metrics, 'command');
      return refuse(
        'rate-limited',
        `rate-limited: more than ${deps.limits.commandRate} commands/s (--command-rate); retry in ${retryAfterSeconds(taken.retryAfterMs)} s`,
        taken.retryAfterMs,
      );
    }
    if (!COMMANDING_ROLES.includes(role)) return refuse('forbidden', `role ${role} may not send commands`);
    const parsed = ControlCommandSchema.safeParse(raw);
    if (!parsed.success) return refuse('invalid', `invalid command: ${describeIssues(parsed.error, 3)}`);
    const cmd = parsed.data;
    if (cmd.type === 'focus:set' && !cmd.oktmo && !cmd.point) return refuse('invalid', 'focus:set needs oktmo or point');
    const person = deps.officers?.touch(socket) ?? null;
    if (cmd.type === 'alarm:ack' && deps.alarms) {
      if (!deps.alarms.get(cmd.alarmId)) deps.refreshAlarms?.();
      const acked = deps.alarms.ack(cmd.alarmId, person?.name ?? null, cmd.comment);
      if (!acked.ok) {
        deps.metrics.inc('cur_hub_commands_total', 'Control commands, by result', { result: 'refused-ack' });
        deps.log.audit({
          at: deps.now(),
          role,
          client: socket.id,
          command: quarantineText(raw),
          result: `refused: ${acked.error}`,
          person: person?.name ?? null,
        });
        return reply({ ok: false, error: acked.error });
      }
    }
    const accepted = (s: ControlState): void => {
      deps.metrics.inc('cur_hub_commands_total', 'Control commands, by result', { result: 'ok' });
      deps.log.audit({ at: deps.now(), role, client: socket.id, command: quarantineText(raw), result: 'ok', person: person?.name ?? null });
      reply({ ok: true, rev: s.rev });
    };
    if (shared) {
      shared.apply(cmd, deps.now()).then(accepted, (e: Error) => {
        deps.metrics.inc('cur_hub_commands_total', 'Control commands, by result', { result: 'not-stored' });
        deps.log.audit({
          at: deps.now(),
          role,
          client: socket.id,
          command: quarantineText(raw),
          result: `refused: not stored: ${e.message}`,
          person: person?.name ?? null,
        });
        reply({ ok: false, error: `команда не сохранена в кластере: ${e.message}` });
      });
      return;
    }
    state = applyControl(state, cmd, deps.now());
    accepted(state);
    deps.broadcast(state);
  }

  return {
    state: () => state,
    attach(role, nsp) {
      nsp.on('connection', (socket) => {
        socket.emit('control:state', state);
        const bucket = new TokenBucket(deps.limits.commandRate, deps.limits.commandBurst, deps.now);
        socket.on('control:command', (raw: unknown, ack: unknown) =>
          handle(role, socket, bucket, raw, typeof ack === 'function' ? (ack as (a: ControlAck) => void) : () => {}),
        );
        socket.on('disconnect', () => {
          const key = `${role}\u0000${socket.id}`;
          const r = refusals.get(key);
          if (!r) return;
          refusals.delete(key);
          write(r);
        });
      });
    },
    flushAudit: () => flush(true),
    close() {
      clearInterval(timer);
      flush(true);
    },
  };
}
