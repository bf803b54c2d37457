/**
 * The hub side of the wall agents (`app/protocol/admin.ts`): every wall PC's Electron main
 * reports its screens' health on `/admin`; the hub keeps the latest report per screen,
 * exports it to `/metrics`, and forwards an operator's `screen:reload` / `screen:capture` to
 * the agent that drives the screen, relaying the agent's ack.
 *
 * A socket that authenticated with an `agent` token (tokens.ts) is always a wall agent: it
 * reports screens and answers the forwarded commands, and its own `screen:reload` /
 * `screen:capture` are refused. A wall agent reports for its own `pc` only (the health's `pc`
 * must be the handshake's), and may not take over a screen that another connected PC reports
 * and whose report is still fresh.
 */
import type { Namespace, Socket } from 'socket.io';
import {
  HEALTH_STALE_AFTER_MS,
  ScreenCaptureSchema,
  ScreenReloadSchema,
  WallAgentAuthSchema,
  WallHealthSchema,
  type ScreenHealth,
} from '../app/protocol/admin';
import type { Metrics } from './metrics';

/** How long the hub waits for an agent's answer to a forwarded command. */
const FORWARD_TIMEOUT_MS = 10_000;

interface Reported {
  health: ScreenHealth;
  pc: string | null;
  socket: Socket;
  receivedAt: number;
}

export function attachWallScreens(
  nsp: Namespace,
  metrics: Metrics,
  now: () => number,
  agentToken: (socket: Socket) => boolean = () => false,
): { screens(): Map<string, Reported> } {
  const screens = new Map<string, Reported>();

  metrics.collect(() => {
    const t = now();
    metrics.setGauge(
      'cur_wall_screen_healthy',
      'Wall screens reported healthy by their PC (1) or not (0); stale reports count as 0',
      [...screens.values()].map((r) => [
        { screen: r.health.screenId, pc: r.pc ?? '', phase: r.health.phase },
        r.health.healthy && t - r.receivedAt < HEALTH_STALE_AFTER_MS ? 1 : 0,
      ]),
    );
    metrics.setGauge(
      'cur_wall_screen_reloads',
      'Reloads of each wall screen since its window opened',
      [...screens.values()].map((r) => [{ screen: r.health.screenId, pc: r.pc ?? '' }, r.health.reloads]),
    );
  });

  function forward(kind: 'screen:reload' | 'screen:capture', raw: unknown, reply: (r: object) => void): void {
    const parsed = (kind === 'screen:reload' ? ScreenReloadSchema : ScreenCaptureSchema).safeParse(raw);
    if (!parsed.success) {
      metrics.inc('cur_hub_bad_messages_total', 'Socket messages refused', { reason: `invalid-${kind.slice(7)}` });
      return reply({ ok: false, error: `invalid ${kind}` });
    }
    const target = screens.get(parsed.data.screenId);
    if (!target || !target.socket.connected) return reply({ ok: false, error: `screen ${parsed.data.screenId} is not reported by any wall PC` });
    target.socket
      .timeout(FORWARD_TIMEOUT_MS)
      .emit(kind, parsed.data, (err: Error | null, res: object) => reply(err ? { ok: false, error: `no answer from the wall PC: ${err.message}` } : res));
  }

  nsp.on('connection', (socket) => {
    const agent = WallAgentAuthSchema.safeParse(socket.handshake.auth);
    if (agent.success || agentToken(socket)) {
      const pc = agent.success ? agent.data.pc : null;
      socket.on('screen:health', (raw: unknown) => {
        const h = WallHealthSchema.safeParse(raw);
        if (!h.success) return metrics.inc('cur_hub_bad_messages_total', 'Socket messages refused', { reason: 'invalid-health' });
        if (h.data.pc !== pc) return metrics.inc('cur_hub_bad_messages_total', 'Socket messages refused', { reason: 'health-of-another-pc' });
        const t = now();
        for (const s of h.data.screens) {
          const held = screens.get(s.screenId);
          if (held && held.socket !== socket && held.socket.connected && held.pc !== pc && t - held.receivedAt < HEALTH_STALE_AFTER_MS) {
            metrics.inc('cur_hub_bad_messages_total', 'Socket messages refused', { reason: 'screen-of-another-pc' });
            continue;
          }
          screens.set(s.screenId, { health: s, pc, socket, receivedAt: t });
        }
      });
      // A wall agent answers commands; it does not send them.
      const refuse = (_raw: unknown, ack: unknown) => {
        metrics.inc('cur_hub_bad_messages_total', 'Socket messages refused', { reason: 'command-from-agent' });
        if (typeof ack === 'function') (ack as (r: object) => void)({ ok: false, error: 'a wall agent may not send operator commands' });
      };
      socket.on('screen:reload', refuse);
      socket.on('screen:capture', refuse);
      return;
    }
    // An operator's client: its commands go to the agent that drives the screen; it has no
    // screens to report.
    socket.on('screen:health', () => metrics.inc('cur_hub_bad_messages_total', 'Socket messages refused', { reason: 'health-from-operator' }));
    socket.on('screen:reload', (raw: unknown, ack: unknown) =>
      forward('screen:reload', raw, typeof ack === 'function' ? (ack as (r: object) => void) : () => {}),
    );
    socket.on('screen:capture', (raw: unknown, ack: unknown) =>
      forward('screen:capture', raw, typeof ack === 'function' ? (ack as (r: object) => void) : () => {}),
    );
  });

  return { screens: () => screens };
}
