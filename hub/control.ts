/**
 * The hub side of the control channel: commands from `/touch` and `/presenter` only,
 * validated and role-checked; every command, accepted or refused, in the audit log; the
 * resulting state broadcast to every reading namespace.
 */
import type { Namespace, Socket } from 'socket.io';
import { applyControl, ControlCommandSchema, initialControlState, type ControlAck, type ControlState } from '../app/protocol/control';
import type { Role } from '../app/protocol/feed';
import { describeIssues } from '../app/wall/wall-layout';
import type { FeedLog } from './feed-log';
import { quarantineText } from './ingest';
import type { Metrics } from './metrics';

/** Namespaces whose clients may command the wall. */
export const COMMANDING_ROLES: readonly Role[] = ['touch', 'presenter'];

export interface Control {
  state(): ControlState;
  /** Registers `control:command` on a namespace and sends the state to new clients. */
  attach(role: Role, nsp: Namespace): void;
}

export function createControl(deps: { log: FeedLog; metrics: Metrics; now: () => number; broadcast: (state: ControlState) => void }): Control {
  let state = initialControlState(deps.now());

  function handle(role: Role, socket: Socket, raw: unknown, reply: (a: ControlAck) => void): void {
    const audit = (result: string) =>
      deps.log.audit({ at: deps.now(), role, client: socket.id, command: quarantineText(raw), result });
    const refuse = (reason: string, error: string) => {
      deps.metrics.inc('cur_hub_commands_total', 'Control commands, by result', { result: reason });
      audit(`refused: ${error}`);
      reply({ ok: false, error });
    };
    if (!COMMANDING_ROLES.includes(role)) return refuse('forbidden', `role ${role} may not send commands`);
    const parsed = ControlCommandSchema.safeParse(raw);
    if (!parsed.success) return refuse('invalid', `invalid command: ${describeIssues(parsed.error, 3)}`);
    const cmd = parsed.data;
    if (cmd.type === 'focus:set' && !cmd.oktmo && !cmd.point) return refuse('invalid', 'focus:set needs oktmo or point');
    state = applyControl(state, cmd, deps.now());
    deps.metrics.inc('cur_hub_commands_total', 'Control commands, by result', { result: 'ok' });
    audit('ok');
    reply({ ok: true, rev: state.rev });
    deps.broadcast(state);
  }

  return {
    state: () => state,
    attach(role, nsp) {
      nsp.on('connection', (socket) => {
        socket.emit('control:state', state);
        socket.on('control:command', (raw: unknown, ack: unknown) => handle(role, socket, raw, typeof ack === 'function' ? (ack as (a: ControlAck) => void) : () => {}));
      });
    },
  };
}

