/**
 * The control channel against a real hub: only /touch and /presenter command; every command
 * is audited; every reading client receives the new state.
 */
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { ControlAck, ControlState } from '../app/protocol/control';
import type { Role } from '../app/protocol/feed';
import { startTestHub } from '../test/support/hub-fixture';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function connect(url: string, role: Role): Promise<{ socket: Socket; states: ControlState[] }> {
  const socket = io(`${url}/${role}`, { auth: { token: `dev-${role}` }, transports: ['websocket'], reconnection: false, forceNew: true });
  cleanups.push(() => socket.close());
  const states: ControlState[] = [];
  socket.on('control:state', (s: ControlState) => states.push(s));
  await new Promise<void>((r) => socket.once('connect', () => r()));
  return { socket, states };
}
const send = (s: Socket, cmd: unknown) => new Promise<ControlAck>((r) => s.emit('control:command', cmd, r));

describe('control channel', () => {
  it('a touch command reaches every wall as shared state', async () => {
    const h = await startTestHub();
    cleanups.push(() => h.close());
    const walls = await Promise.all([connect(h.url, 'wall'), connect(h.url, 'wall')]);
    const touch = await connect(h.url, 'touch');
    const ack = await send(touch.socket, { type: 'focus:set', oktmo: '97701000', durationS: 60 });
    expect(ack).toEqual({ ok: true, rev: 1 });
    for (const w of walls) await expect.poll(() => w.states.at(-1)?.focus?.oktmo).toBe('97701000');
    // An acknowledgement names a record of the hub's alarm store (issue 15; test/alarms/hub-alarms.test.ts).
    expect(await send(touch.socket, { type: 'alarm:ack', alarmId: 'accident-residents:accident:a1' })).toEqual({
      ok: false,
      error: 'тревога не найдена (уже снята?)',
    });
    expect(walls[0]!.states.at(-1)?.acknowledged).toEqual([]);
  });

  it('refuses and audits a command from /wall, and an invalid one from /presenter', async () => {
    const h = await startTestHub();
    cleanups.push(() => h.close());
    const wall = await connect(h.url, 'wall');
    const presenter = await connect(h.url, 'presenter');
    expect(await send(wall.socket, { type: 'blackout:set', on: true })).toMatchObject({ ok: false, error: 'role wall may not send commands' });
    expect(await send(presenter.socket, { type: 'scene:set', scene: { id: 'cinema' } })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/invalid command/),
    });
    expect(await send(presenter.socket, { type: 'focus:set' })).toMatchObject({ ok: false, error: 'focus:set needs oktmo or point' });
    expect(h.hub.control.state().blackout).toBe(false);

    // Refusals are aggregated: one row per client per minute, written when its minute is over.
    expect(h.log.recentAudit(10)).toEqual([]);
    h.hub.control.flushAudit();
    const res = await fetch(`${h.url}/api/v1/audit?limit=10`, { headers: { authorization: 'Bearer dev-admin' } });
    const { entries } = (await res.json()) as { entries: { role: string; result: string; command: string }[] };
    expect(entries.map((e) => [e.role, e.result.split(/[: ]/)[0]])).toEqual([
      ['presenter', 'refused'],
      ['wall', 'refused'],
    ]);
    expect(entries[0]!.result).toMatch(/^refused ×2 in 60 s: invalid command.*\(×1\); focus:set needs oktmo or point \(×1\)$/);
    expect(entries[1]!.result).toBe('refused: role wall may not send commands');
    expect(entries[1]!.command).toContain('blackout:set');
    expect((await fetch(`${h.url}/api/v1/audit`, { headers: { authorization: 'Bearer dev-wall' } })).status).toBe(403);
  });

  it('audits accepted commands with who and when', async () => {
    const h = await startTestHub();
    cleanups.push(() => h.close());
    const presenter = await connect(h.url, 'presenter');
    const before = Date.now();
    await send(presenter.socket, { type: 'scene:set', scene: { id: 'ratings' }, durationS: 30 });
    const [entry] = h.log.recentAudit(1);
    expect(entry).toMatchObject({ role: 'presenter', client: presenter.socket.id, result: 'ok' });
    expect(entry!.at).toBeGreaterThanOrEqual(before);
    expect(h.hub.control.state().scene?.scene).toEqual({ id: 'ratings' });
  });
});
