/**
 * A command link to the hub for a wall window that was given a control token
 * (`&control=<presenter token>`): the `/wall` role may not send commands, so the key that
 * acknowledges an alarm goes over a `/presenter` socket. It never subscribes to the feed (the
 * worker does that); it only sends commands and reports the hub's answer.
 */
import { io, type Socket } from 'socket.io-client';
import type { ControlAck, ControlClientEvents, ControlCommand, ControlServerEvents } from '../../app/protocol/control';

export interface ControlLink {
  send(cmd: ControlCommand): Promise<ControlAck>;
  close(): void;
}

/** Opens the link; commands sent while disconnected are answered `{ok: false}`. */
export function openControlLink(hub: string, token: string): ControlLink {
  const socket: Socket<ControlServerEvents, ControlClientEvents> = io(`${hub}/presenter`, {
    auth: { token },
    transports: ['websocket'],
    reconnectionDelayMax: 5000,
  });
  return {
    send(cmd) {
      if (!socket.connected) return Promise.resolve({ ok: false, error: 'нет связи с хабом' });
      return new Promise((resolve) => {
        socket.timeout(5000).emit('control:command', cmd, (err: Error | null, ack: ControlAck) => resolve(err ? { ok: false, error: err.message } : ack));
      });
    },
    close: () => void socket.close(),
  };
}
