/**
 * The control client over hub nodes (issue 16), on scripted sockets: it moves to the next node
 * when its node is lost, a command in flight there is reported failed (not sent again), a
 * command given between nodes is sent once on the next one, and an officer signed in by PIN
 * must sign in again on the new node instead of the page acting as the token's holder. The
 * same with real hub processes and Chromium: test/cluster/control-failover-browser.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ControlAck, ControlCommand } from '../../app/protocol/control';
import type { OfficerState } from '../../app/protocol/officer';
import { ControlClient, LOST_IN_FLIGHT, NOT_SENT, REAUTH_SWITCHED } from './control-client';
import { useControl } from './control-store';
import { ControlLink } from './control-link';

type Fn = (...args: never[]) => void;

/** A socket.io client socket the test plays the hub of. */
class FakeSocket {
  connected = false;
  closed = false;
  readonly sent: { event: string; args: unknown[] }[] = [];
  private handlers = new Map<string, Fn[]>();
  private any: Fn[] = [];
  constructor(readonly url: string) {}
  on(event: string, fn: Fn): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }
  onAny(fn: Fn): this {
    this.any.push(fn);
    return this;
  }
  offAny(): this {
    this.any = [];
    return this;
  }
  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }
  close(): this {
    this.connected = false;
    this.closed = true;
    return this;
  }
  emit(event: string, ...args: unknown[]): this {
    this.sent.push({ event, args });
    return this;
  }
  /** The hub sends `event`. */
  fire(event: string, ...args: unknown[]): void {
    if (event !== 'connect' && event !== 'disconnect' && event !== 'connect_error') for (const f of this.any) (f as (...a: unknown[]) => void)(event, ...args);
    for (const f of this.handlers.get(event) ?? []) (f as (...a: unknown[]) => void)(...args);
  }
  up(officer: OfficerState = { person: null, via: null, idleMinutes: 10 }): void {
    this.connected = true;
    this.fire('connect');
    this.fire('officer:state', officer);
  }
  /** `kill -9` of its node. */
  async die(): Promise<void> {
    this.connected = false;
    this.fire('disconnect', 'transport close');
    await tick();
  }
  commands(): unknown[] {
    return this.sent.filter((s) => s.event === 'control:command').map((s) => s.args[0]);
  }
  /** Answers the n-th command it got. */
  answer(n: number, ack: ControlAck): void {
    const c = this.sent.filter((s) => s.event === 'control:command')[n]!;
    (c.args[1] as (a: ControlAck) => void)(ack);
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const A = 'http://a:8400';
const B = 'http://b:8400';
const SCENE: ControlCommand = { type: 'focus:set', oktmo: '97516000' };
const TOKEN_HOLDER: OfficerState = { person: { name: 'Дежурный (демо)', position: null }, via: 'token', idleMinutes: 10 };
const PIN_OFFICER: OfficerState = { person: { name: 'Иванова А. П.', position: 'оперативный дежурный' }, via: 'pin', idleMinutes: 10 };

let client: ControlClient | null = null;
afterEach(() => client?.close());

function start(): FakeSocket[] {
  const sockets: FakeSocket[] = [];
  client = new ControlClient({
    hub: A,
    hubs: [A, B],
    token: 'dev-touch',
    role: 'touch',
    connect: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s as unknown as Socket;
    },
  });
  return sockets;
}

describe('ControlClient over hub nodes', () => {
  it('moves to the next node when its node is lost and names the node in use', async () => {
    const sockets = start();
    expect(sockets.map((s) => s.url)).toEqual([`${A}/touch`]);
    sockets[0]!.up(TOKEN_HOLDER);
    expect(useControl.getState()).toMatchObject({ hub: A, hubs: [A, B], connection: 'connected' });
    await sockets[0]!.die();
    expect(useControl.getState().connection).toBe('disconnected');
    expect(sockets.map((s) => s.url)).toEqual([`${A}/touch`, `${B}/touch`]);
    sockets[1]!.up(TOKEN_HOLDER);
    expect(useControl.getState()).toMatchObject({ hub: B, connection: 'connected', error: null, officer: TOKEN_HOLDER });
    expect(client!.hub).toBe(B);
  });

  it('reports a command in flight on the lost node as failed and does not send it again', async () => {
    const sockets = start();
    sockets[0]!.up();
    const ack = client!.send(SCENE);
    expect(sockets[0]!.commands()).toEqual([SCENE]);
    await sockets[0]!.die();
    expect(await ack).toEqual({ ok: false, error: LOST_IN_FLIGHT });
    expect(useControl.getState().lastCommand).toMatchObject({ type: 'focus:set', ok: false, error: LOST_IN_FLIGHT });
    sockets[1]!.up();
    await tick();
    expect(sockets[1]!.commands()).toEqual([]);
  });

  it('sends a command given between nodes once, on the next node', async () => {
    const sockets = start();
    sockets[0]!.up();
    await sockets[0]!.die();
    const ack = client!.send(SCENE);
    await tick();
    expect(sockets[1]!.commands()).toEqual([]);
    sockets[1]!.up();
    expect(sockets[1]!.commands()).toEqual([SCENE]);
    sockets[1]!.answer(0, { ok: true, rev: 7 });
    expect(await ack).toEqual({ ok: true, rev: 7 });
    expect(sockets[0]!.commands()).toEqual([]);
  });

  it('answers every command still waiting when the page closes the client (sent: outcome unknown; not sent: not sent)', async () => {
    const sockets = start();
    sockets[0]!.up();
    const sent = client!.send(SCENE);
    await sockets[0]!.die();
    const waiting = client!.send(SCENE);
    sockets[1]!.up();
    const inFlight = client!.send({ type: 'focus:set', oktmo: '97701000' });
    client!.close();
    expect(await sent).toEqual({ ok: false, error: LOST_IN_FLIGHT });
    // Given between nodes, then sent on B when it came up: in flight there when closed.
    expect(await waiting).toEqual({ ok: false, error: LOST_IN_FLIGHT });
    expect(await inFlight).toEqual({ ok: false, error: LOST_IN_FLIGHT });
    client = null;
    const later = start();
    const unsent = client!.send(SCENE);
    client!.close();
    expect(await unsent).toEqual({ ok: false, error: NOT_SENT });
    expect(later.flatMap((s) => s.commands())).toEqual([]);
    client = null;
  });

  it('fails a command given while no node answers within the timeout, as not sent', async () => {
    const sockets = start();
    const ack = client!.send(SCENE);
    expect(await ack).toEqual({ ok: false, error: NOT_SENT });
    expect(sockets.flatMap((s) => s.commands())).toEqual([]);
  }, 10_000);

  it('asks an officer signed in by PIN to sign in again on the new node instead of acting as the token holder', async () => {
    const sockets = start();
    sockets[0]!.up(PIN_OFFICER);
    expect(useControl.getState().officer).toEqual(PIN_OFFICER);
    await sockets[0]!.die();
    sockets[1]!.up(TOKEN_HOLDER);
    const s = useControl.getState();
    expect(s.error).toBe(REAUTH_SWITCHED);
    expect(s.officer).toEqual({ person: null, via: null, idleMinutes: 10 });
    // Commands wait for the PIN: refused here, nothing reaches the node under the token holder's name.
    expect(await client!.send(SCENE)).toEqual({ ok: false, error: REAUTH_SWITCHED });
    expect(sockets[1]!.commands()).toEqual([]);
    // The PIN again, on the new node.
    const signin = client!.signIn('1234');
    const req = sockets[1]!.sent.find((x) => x.event === 'officer:signin')!;
    expect(req.args[0]).toBe('1234');
    sockets[1]!.fire('officer:state', PIN_OFFICER);
    (req.args[1] as (a: unknown) => void)({ ok: true, person: PIN_OFFICER.person });
    expect(await signin).toMatchObject({ ok: true });
    expect(useControl.getState()).toMatchObject({ error: null, officer: PIN_OFFICER });
    void client!.send(SCENE);
    expect(sockets[1]!.commands()).toEqual([SCENE]);
  });

  it('ends the demand once the PIN sign-in would have ended anyway (idleMinutes without a touch)', async () => {
    vi.useFakeTimers();
    try {
      const sockets = start();
      sockets[0]!.up(PIN_OFFICER);
      sockets[0]!.connected = false;
      sockets[0]!.fire('disconnect', 'transport close');
      await vi.advanceTimersByTimeAsync(0);
      sockets[1]!.up(TOKEN_HOLDER);
      expect(useControl.getState().error).toBe(REAUTH_SWITCHED);
      // The node stays alive (a heartbeat a second) while nobody touches the page.
      const wait = async (ms: number) => {
        for (let t = 0; t < ms; t += 1000) {
          sockets[1]!.fire('feed:heartbeat', { epoch: 'e', headSeq: 0, serverTime: Date.now() });
          await vi.advanceTimersByTimeAsync(1000);
        }
      };
      await wait(9 * 60_000);
      expect(useControl.getState()).toMatchObject({ error: REAUTH_SWITCHED, officer: { person: null, via: null } });
      await wait(60_000);
      expect(useControl.getState()).toMatchObject({ error: null, officer: TOKEN_HOLDER });
      expect(sockets).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets the officer sign out instead, and then the token holder acts as after any sign-out', async () => {
    const sockets = start();
    sockets[0]!.up(PIN_OFFICER);
    await sockets[0]!.die();
    sockets[1]!.up(TOKEN_HOLDER);
    client!.signOut();
    expect(sockets[1]!.sent.some((x) => x.event === 'officer:signout')).toBe(true);
    expect(useControl.getState()).toMatchObject({ error: null, officer: TOKEN_HOLDER });
    void client!.send(SCENE);
    expect(sockets[1]!.commands()).toEqual([SCENE]);
  });

  it('carries no demand over when the page acted as the token holder', async () => {
    const sockets = start();
    sockets[0]!.up(TOKEN_HOLDER);
    await sockets[0]!.die();
    sockets[1]!.up(TOKEN_HOLDER);
    expect(useControl.getState()).toMatchObject({ error: null, officer: TOKEN_HOLDER });
  });
});

describe('ControlLink', () => {
  it('leaves a node that went silent for 2.5 heartbeat intervals (a hung node keeps its TCP open)', async () => {
    let now = 0;
    const sockets: FakeSocket[] = [];
    const lost: string[] = [];
    const link = new ControlLink({
      hubs: [A, B],
      role: 'presenter',
      now: () => now,
      onLost: (hub, reason) => lost.push(`${hub}: ${reason}`),
      connect: (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s as unknown as Socket;
      },
    });
    try {
      sockets[0]!.up();
      for (const t of [1000, 2000, 3000]) {
        now = t;
        sockets[0]!.fire('feed:heartbeat', {});
        await new Promise((r) => setTimeout(r, 300));
      }
      for (const t of [4500, 5400]) {
        now = t;
        await new Promise((r) => setTimeout(r, 300));
      }
      expect(sockets).toHaveLength(1);
      now = 5600;
      await new Promise((r) => setTimeout(r, 300));
      expect(sockets.map((s) => s.url)).toEqual([`${A}/presenter`, `${B}/presenter`]);
      expect(sockets[0]!.closed).toBe(true);
      expect(lost).toEqual([`${A}: узел молчит`]);
      expect(link.hub).toBe(B);
    } finally {
      link.close();
    }
  });
});

describe('ControlLink and the page clock', () => {
  it('does not take a jump of the clock (NTP, a suspended page) for a silent node', async () => {
    let now = 0;
    const sockets: FakeSocket[] = [];
    const link = new ControlLink({
      hubs: [A, B],
      role: 'touch',
      now: () => now,
      connect: (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s as unknown as Socket;
      },
    });
    try {
      sockets[0]!.up();
      for (const t of [100, 200]) {
        now = t;
        sockets[0]!.fire('feed:heartbeat', {});
      }
      now = 9 * 60_000;
      await new Promise((r) => setTimeout(r, 300));
      expect(sockets).toHaveLength(1);
      // Silence after the jump still counts: heartbeats every second, then none for 3 s.
      for (let k = 0; k < 3; k++) {
        now += 1000;
        sockets[0]!.fire('feed:heartbeat', {});
        await new Promise((r) => setTimeout(r, 300));
      }
      expect(sockets).toHaveLength(1);
      for (let k = 0; k < 3; k++) {
        now += 1000;
        await new Promise((r) => setTimeout(r, 300));
      }
      expect(sockets.map((s) => s.url)).toEqual([`${A}/touch`, `${B}/touch`]);
    } finally {
      link.close();
    }
  });
});
