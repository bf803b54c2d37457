/**
 * The control page's connection to the hub (touch panel, presenter): one socket.io client on
 * `/touch` or `/presenter` that follows the feed with the app/ entity store (as the wall's
 * worker does) and carries the control channel: it sends `control:command` and mirrors
 * `control:state` into `useControl`. Every payload is validated at the boundary.
 *
 * Hub nodes (issue 16): the socket is a {@link ControlLink} over the page's hub list
 * (`?hub=A,B,C`, the layout's `hubs`), which moves to the next node when its node is lost. On
 * the new node the feed resumes by `{epoch, seq}` (the nodes share the log), the control state
 * comes with the connection (the nodes share it through the stream), and:
 * - a command in flight on the lost node (sent, no answer) is reported failed in Russian: it
 *   may or may not have been stored, so it is not sent again (never doubled, never silent);
 *   a command given while no node is connected waits for the next one (up to the command
 *   timeout) and is sent there once;
 * - a PIN sign-in is per connection (hub/officers.ts): an officer signed in by PIN before the
 *   switch is not carried over and the page does not act as the token's holder instead: it says
 *   «Связь переключена на другой узел — войдите снова», shows nobody signed in and refuses
 *   commands until the PIN is entered again or the officer signs out (or `idleMinutes` pass
 *   without a touch, when the sign-in would have ended anyway). The same after a reconnect to
 *   the same hub (a restart, a network blip): the hub's session was new there as well;
 * - `<html data-hub>` and `useControl.hub` name the node in use; `data-seq` and `data-snapshots`
 *   (complete snapshots taken) show the feed resumed rather than started again.
 *
 * Why not the wall's feed worker: its frames carry map buffers and panel figures, not the
 * entities, and a touch panel needs the items themselves (lists, cards, alarms).
 */
import type { z } from 'zod';
import type { Entity } from '../../app/domain/entity';
import { ControlCommandSchema, ControlStateSchema, type ControlAck, type ControlCommand } from '../../app/protocol/control';
import { DeltaSchema, HeartbeatSchema, HelloSchema, SnapshotSchema, type FeedServerEvents } from '../../app/protocol/feed';
import { applyDelta, applySnapshotChunk, createEntityStore, onHeartbeat, onHello, type Outcome } from '../../app/store/entity-store';
import { setHubOffset } from '../state/clock-store';
import { applyConfigDoc, applyConfigState } from '../state/live-config-store';
import { useControl } from './control-store';
import { AlarmsStateSchema } from '../../app/alarms/alarm-record';
import { OfficerStateSchema, type OfficerState, type SigninAck } from '../../app/protocol/officer';
import { ControlLink, type ControlLinkOptions } from './control-link';

/** Roles that may command the wall. */
export type ControlRole = 'touch' | 'presenter';

export interface ControlClientOptions {
  /** The page's hub: where it starts. */
  hub: string;
  /** Every hub node in the order to try (the page's hub first); default `[hub]`. */
  hubs?: readonly string[];
  token: string;
  role: ControlRole;
  /** Makes the sockets (tests); default socket.io-client's `io`. */
  connect?: ControlLinkOptions['connect'];
}

/**
 * Entity changes reach React at most this often: a touch panel or a presenter needs no more,
 * and a drill-down over ~10^4 items costs tens of ms on the main thread.
 */
const DATA_REV_EVERY_MS = 1000;
/** A command with no answer within this time counts as failed. */
const COMMAND_TIMEOUT_MS = 5000;

/** What the page says when a PIN sign-in did not survive a change of node (or a reconnect). */
export const REAUTH_SWITCHED = 'Связь переключена на другой узел — войдите снова';
export const REAUTH_RECONNECTED = 'Связь с хабом восстановлена — войдите снова';
/** A command sent to a node that was lost before it answered. */
export const LOST_IN_FLIGHT = 'связь с узлом прервалась до ответа: неизвестно, выполнена ли команда — проверьте стену и повторите';
/** A command given while no node was connected, and none connected within the timeout. */
export const NOT_SENT = 'нет связи с хабом: команда не отправлена';

/** `<html data-NAME>` for monitoring and tests, as the wall page has (`hub`, `seq`, `snapshots`). */
function mark(name: string, value: string): void {
  if (typeof document !== 'undefined') document.documentElement.dataset[name] = value;
}

/** What counts as the officer's activity (as `useIdleSignOut` in touch/SignIn.tsx). */
const ACTIVITY = ['pointerdown', 'keydown', 'wheel'] as const;

interface Pending {
  cmd: ControlCommand;
  resolve(ack: ControlAck): void;
  timer: ReturnType<typeof setTimeout>;
  /** The connection it was sent on; null: not sent yet. */
  sentOn: number | null;
}

export class ControlClient {
  private readonly store = createEntityStore();
  private readonly link: ControlLink;
  private revTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly pending = new Set<Pending>();
  /** Complete snapshots taken (`<html data-snapshots>`: a failover resumes without one). */
  private snapshots = 0;
  /** Counts connections (a command's `sentOn`). */
  private conn = 0;
  /** The hub's last `officer:state` on this connection; `viaBeforeLoss`: how the officer was signed in when the last connection ended. */
  private officer: OfficerState | null = null;
  private viaBeforeLoss: OfficerState['via'] = null;
  /** Set while an officer who was signed in by PIN must sign in again on the new node. */
  private reauth: { message: string; timer: ReturnType<typeof setTimeout> | null } | null = null;
  /** Page time of the last touch, key or wheel (when a PIN sign-in would end: `idleMinutes` after it). */
  private lastActivity = Date.now();
  private readonly active = () => (this.lastActivity = Date.now());

  constructor(readonly opts: ControlClientOptions) {
    const hubs = opts.hubs?.length ? opts.hubs : [opts.hub];
    if (typeof window !== 'undefined') for (const e of ACTIVITY) window.addEventListener(e, this.active, { passive: true, capture: true });
    useControl.setState({
      connection: 'connecting',
      error: null,
      control: null,
      hasData: false,
      seq: -1,
      alarms: [],
      officer: null,
      hub: null,
      hubs: [...hubs],
      officerActions: { signIn: (pin) => this.signIn(pin), signOut: () => this.signOut() },
    });
    this.link = new ControlLink({
      hubs,
      role: opts.role,
      socket: { auth: { token: opts.token }, transports: ['websocket'] },
      ...(opts.connect ? { connect: opts.connect } : {}),
      onUp: (hub, first) => this.up(hub, first),
      onLost: () => this.lost(),
    });
    const s = this.link;
    s.on('connect_error', (err: Error) =>
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
      if (!m.success) return console.warn('control: invalid officer:state', m.error);
      this.officer = m.data;
      // Signed in again by PIN: the switch is behind us.
      if (m.data.via === 'pin') this.endReauth();
      this.showOfficer();
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

  /** The hub node in use now. */
  get hub(): string {
    return this.link.hub;
  }

  /**
   * Sends a command; resolves with the hub's answer (never rejects). Given while no node is
   * connected it waits for one (up to the command timeout); sent to a node that is lost before
   * it answered, it fails with {@link LOST_IN_FLIGHT} and is not sent again.
   */
  send(cmd: ControlCommand): Promise<ControlAck> {
    const checked = ControlCommandSchema.safeParse(cmd);
    const done = (ack: ControlAck): ControlAck => {
      useControl.setState({ lastCommand: { type: cmd.type, ok: ack.ok, ...(ack.error ? { error: ack.error } : {}), at: Date.now() } });
      return ack;
    };
    if (!checked.success) return Promise.resolve(done({ ok: false, error: 'команда не прошла проверку' }));
    if (this.reauth) return Promise.resolve(done({ ok: false, error: this.reauth.message }));
    return new Promise((resolve) => {
      const p: Pending = {
        cmd: checked.data,
        sentOn: null,
        resolve: (ack) => {
          if (!this.pending.delete(p)) return;
          clearTimeout(p.timer);
          resolve(done(ack));
        },
        timer: setTimeout(() => p.resolve({ ok: false, error: p.sentOn === null ? NOT_SENT : 'хаб не ответил' }), COMMAND_TIMEOUT_MS),
      };
      this.pending.add(p);
      this.transmit(p);
    });
  }

  /** Signs an officer in by PIN (checked at the hub; the PIN is not kept here). */
  signIn(pin: string): Promise<SigninAck> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (a: SigninAck) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(a);
      };
      const timer = setTimeout(() => finish({ ok: false, error: 'хаб не ответил' }), COMMAND_TIMEOUT_MS);
      if (!this.link.emit('officer:signin', pin, (ack?: SigninAck) => finish(ack ?? { ok: false, error: 'хаб не ответил' }))) {
        finish({ ok: false, error: 'нет связи с хабом' });
      }
    });
  }

  /** Ends the PIN sign-in (the token's holder, if any, acts again; also after a switch of node). */
  signOut(): void {
    this.endReauth();
    this.link.emit('officer:signout');
    this.showOfficer();
  }

  close(): void {
    if (typeof window !== 'undefined') for (const e of ACTIVITY) window.removeEventListener(e, this.active, { capture: true });
    if (this.revTimer) clearTimeout(this.revTimer);
    if (this.reauth?.timer) clearTimeout(this.reauth.timer);
    // Every command still waiting gets its answer (the promise never rejects and must not hang):
    // one already sent may have been carried out, one not sent was not.
    for (const p of [...this.pending]) p.resolve({ ok: false, error: p.sentOn === null ? NOT_SENT : LOST_IN_FLIGHT });
    this.link.close();
  }

  private transmit(p: Pending): void {
    if (!this.link.connected || this.reauth) return;
    const conn = this.conn;
    if (this.link.emit('control:command', p.cmd, (ack?: ControlAck) => p.resolve(ack ?? { ok: false, error: 'хаб не ответил' }))) p.sentOn = conn;
  }

  /** A connection is up on `hub`. */
  private up(hub: string, first: boolean): void {
    this.conn++;
    this.officer = null;
    mark('hub', hub);
    // A PIN sign-in lives on its connection (hub/officers.ts): ask for it again, rather than acting as the token's holder.
    if (!first && this.viaBeforeLoss === 'pin' && !this.reauth) {
      const previous = useControl.getState().hub;
      this.startReauth(previous !== null && previous !== hub ? REAUTH_SWITCHED : REAUTH_RECONNECTED);
    }
    useControl.setState({ connection: 'connected', hub, error: this.reauth?.message ?? null });
    this.showOfficer();
    // Commands given while no node was connected go now, once.
    for (const p of this.pending) if (p.sentOn === null) this.transmit(p);
  }

  /** The connection ended: what was in flight there has an unknown fate. */
  private lost(): void {
    if (this.officer) this.viaBeforeLoss = this.officer.via;
    this.officer = null;
    useControl.setState({ connection: 'disconnected' });
    for (const p of this.pending) if (p.sentOn === this.conn) p.resolve({ ok: false, error: LOST_IN_FLIGHT });
  }

  private startReauth(message: string): void {
    const idleMs = (useControl.getState().officer?.idleMinutes ?? 10) * 60_000;
    this.reauth = { message, timer: null };
    // The PIN sign-in would have ended by itself after `idleMinutes` without a touch (SignIn.tsx):
    // so does the demand, counted from the page's last touch, key or wheel.
    const expire = () => {
      if (!this.reauth) return;
      const left = this.lastActivity + idleMs - Date.now();
      if (left > 0) return void (this.reauth.timer = setTimeout(expire, left));
      this.endReauth();
      this.showOfficer();
    };
    expire();
    for (const p of this.pending) if (p.sentOn === null) p.resolve({ ok: false, error: message });
  }

  private endReauth(): void {
    if (!this.reauth) return;
    if (this.reauth.timer) clearTimeout(this.reauth.timer);
    this.reauth = null;
    this.viaBeforeLoss = null;
    if (useControl.getState().error === REAUTH_SWITCHED || useControl.getState().error === REAUTH_RECONNECTED) useControl.setState({ error: null });
  }

  /** The officer as the page shows it: nobody while the PIN is needed again. */
  private showOfficer(): void {
    const o = this.officer;
    if (this.reauth) useControl.setState({ officer: { person: null, via: null, idleMinutes: o?.idleMinutes ?? 10 }, error: this.reauth.message });
    else useControl.setState({ officer: o });
  }

  private follow<T>(event: keyof FeedServerEvents, schema: z.ZodType<T>, apply: (msg: T) => Outcome): void {
    this.link.on(event, (raw: unknown) => {
      const m = schema.safeParse(raw);
      if (!m.success) return console.warn(`control: invalid ${event}`, m.error);
      const serverTime = (m.data as { serverTime?: number }).serverTime;
      if (serverTime !== undefined) setHubOffset(serverTime - Date.now());
      const out = apply(m.data);
      if (out.type === 'resync') this.link.emit('feed:subscribe', out.request, () => {});
      if (out.type === 'snapshot-complete') mark('snapshots', String(++this.snapshots));
      if (out.type === 'applied' || out.type === 'snapshot-complete') this.dataChanged();
    });
  }

  private dataChanged(): void {
    if (this.revTimer) return;
    this.revTimer = setTimeout(() => {
      this.revTimer = null;
      useControl.setState((s) => ({ dataRev: s.dataRev + 1, hasData: this.store.epoch !== null, seq: this.store.seq }));
      mark('seq', String(this.store.seq));
    }, DATA_REV_EVERY_MS);
  }
}
