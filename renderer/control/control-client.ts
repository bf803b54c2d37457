/**
 * The control page's connection to the hub (touch panel, presenter): one socket.io client on
 * `/touch` or `/presenter` that follows the feed with the app/ entity store (as the wall's
 * worker does) and carries the control channel: it sends `control:command` and mirrors
 * `control:state` into `useControl`. Every payload is validated at the boundary.
 *
 * Why not the wall's feed worker: its frames carry map buffers and panel figures, not the
 * entities, and a touch panel needs the items themselves (lists, cards, alarms).
 */
import { io, type Socket } from 'socket.io-client';
import type { z } from 'zod';
import type { Entity } from '../../app/domain/entity';
import { ControlCommandSchema, ControlStateSchema, type ControlAck, type ControlCommand } from '../../app/protocol/control';
import { DeltaSchema, HeartbeatSchema, HelloSchema, SnapshotSchema, type FeedServerEvents } from '../../app/protocol/feed';
import type { NamespaceClientEvents, NamespaceServerEvents } from '../../app/protocol/namespaces';
import { applyDelta, applySnapshotChunk, createEntityStore, onHeartbeat, onHello, type Outcome } from '../../app/store/entity-store';
import { setHubOffset } from '../state/clock-store';
import { applyConfigDoc, applyConfigState } from '../state/live-config-store';
import { useControl } from './control-store';
import { AlarmsStateSchema } from '../../app/alarms/alarm-record';
import { OfficerStateSchema, type SigninAck } from '../../app/protocol/officer';

/** Roles that may command the wall. */
export type ControlRole = 'touch' | 'presenter';

export interface ControlClientOptions {
  hub: string;
  token: string;
  role: ControlRole;
}

/**
 * Entity changes reach React at most this often: a touch panel or a presenter needs no more,
 * and a drill-down over ~10^4 items costs tens of ms on the main thread.
 */
const DATA_REV_EVERY_MS = 1000;
/** A command with no answer within this time counts as failed. */
const COMMAND_TIMEOUT_MS = 5000;

type ClientSocket = Socket<NamespaceServerEvents[ControlRole], NamespaceClientEvents[ControlRole]>;

export class ControlClient {
  private readonly store = createEntityStore();
  private readonly socket: ClientSocket;
  private revTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly opts: ControlClientOptions) {
    useControl.setState({
      connection: 'connecting',
      error: null,
      control: null,
      hasData: false,
      seq: -1,
      alarms: [],
      officer: null,
      officerActions: { signIn: (pin) => this.signIn(pin), signOut: () => this.signOut() },
    });
    this.socket = io(`${opts.hub}/${opts.role}`, { auth: { token: opts.token }, transports: ['websocket'], reconnectionDelayMax: 5000 });
    const s = this.socket;
    s.on('connect', () => useControl.setState({ connection: 'connected', error: null }));
    s.on('disconnect', () => useControl.setState({ connection: 'disconnected' }));
    s.on('connect_error', (err) =>
      useControl.setState({
        connection: 'disconnected',
        error: err.message.startsWith('auth:') ? `Доступ запрещён: ${err.message}` : `Нет связи с хабом: ${err.message}`,
      }),
    );
    s.on('control:state', (raw: unknown) => {
      const m = ControlStateSchema.safeParse(raw);
      if (m.success) useControl.setState({ control: m.data });
      else console.warn('control: invalid control:state', m.error);
    });
    // The hub's alarm records and who acts on this page (issue 15).
    s.on('alarms:state', (raw: unknown) => {
      const m = AlarmsStateSchema.safeParse(raw);
      if (m.success) useControl.setState({ alarms: m.data.active });
      else console.warn('control: invalid alarms:state', m.error);
    });
    s.on('officer:state', (raw: unknown) => {
      const m = OfficerStateSchema.safeParse(raw);
      if (m.success) useControl.setState({ officer: m.data });
      else console.warn('control: invalid officer:state', m.error);
    });
    // The hub's live configuration (issue 12): sectors, topics, organisations, meeting scripts.
    s.on('config:state', (raw: unknown) => applyConfigState(raw));
    s.on('config:doc', (raw: unknown) => void applyConfigDoc(raw));
    this.follow('feed:hello', HelloSchema, (m) => onHello(this.store, m));
    this.follow('feed:snapshot', SnapshotSchema, (m) => applySnapshotChunk(this.store, m));
    this.follow('feed:delta', DeltaSchema, (m) => applyDelta(this.store, m));
    this.follow('feed:heartbeat', HeartbeatSchema, (m) => onHeartbeat(this.store, m));
  }

  /** The live entities (the store's map: read, never mutate). */
  get entities(): ReadonlyMap<string, Entity> {
    return this.store.entities;
  }

  /** Sends a command; resolves with the hub's answer (never rejects). */
  send(cmd: ControlCommand): Promise<ControlAck> {
    const checked = ControlCommandSchema.safeParse(cmd);
    const done = (ack: ControlAck): ControlAck => {
      useControl.setState({ lastCommand: { type: cmd.type, ok: ack.ok, ...(ack.error ? { error: ack.error } : {}), at: Date.now() } });
      return ack;
    };
    if (!checked.success) return Promise.resolve(done({ ok: false, error: 'команда не прошла проверку' }));
    return new Promise((resolve) => {
      this.socket.timeout(COMMAND_TIMEOUT_MS).emit('control:command', checked.data, (err: Error | null, ack?: ControlAck) => {
        resolve(done(err || !ack ? { ok: false, error: 'хаб не ответил' } : ack));
      });
    });
  }

  /** Signs an officer in by PIN (checked at the hub; the PIN is not kept here). */
  signIn(pin: string): Promise<SigninAck> {
    if (!this.socket.connected) return Promise.resolve({ ok: false, error: 'нет связи с хабом' });
    return new Promise((resolve) => {
      this.socket
        .timeout(COMMAND_TIMEOUT_MS)
        .emit('officer:signin', pin, (err: Error | null, ack?: SigninAck) => resolve(err || !ack ? { ok: false, error: 'хаб не ответил' } : ack));
    });
  }

  /** Ends the PIN sign-in (the token's holder, if any, acts again). */
  signOut(): void {
    this.socket.emit('officer:signout');
  }

  close(): void {
    if (this.revTimer) clearTimeout(this.revTimer);
    this.socket.close();
  }

  private follow<T>(event: keyof FeedServerEvents, schema: z.ZodType<T>, apply: (msg: T) => Outcome): void {
    this.socket.on(event, (raw: unknown) => {
      const m = schema.safeParse(raw);
      if (!m.success) return console.warn(`control: invalid ${event}`, m.error);
      const serverTime = (m.data as { serverTime?: number }).serverTime;
      if (serverTime !== undefined) setHubOffset(serverTime - Date.now());
      const out = apply(m.data);
      if (out.type === 'resync') this.socket.emit('feed:subscribe', out.request, () => {});
      if (out.type === 'applied' || out.type === 'snapshot-complete') this.dataChanged();
    });
  }

  private dataChanged(): void {
    if (this.revTimer) return;
    this.revTimer = setTimeout(() => {
      this.revTimer = null;
      useControl.setState((s) => ({ dataRev: s.dataRev + 1, hasData: this.store.epoch !== null, seq: this.store.seq }));
    }, DATA_REV_EVERY_MS);
  }
}
