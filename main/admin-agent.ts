/**
 * Main's side of the hub's `/admin` namespace (app/protocol/admin.ts), without the socket:
 * builds the health report and carries out the operator's commands for this PC's screens.
 * Every payload from the hub is validated; every answer goes through the ack, never throws.
 */
import {
  CAPTURE_DEFAULT_WIDTH,
  CAPTURE_MAX_BASE64,
  ScreenCaptureSchema,
  ScreenReloadSchema,
  type AdminAck,
  type CaptureAck,
  type ScreenHealth,
  type WallHealth,
} from '../app/protocol/admin';
import type { Logger } from './ipc';
import type { Rect } from './plan-windows';
import type { ScreenWatchHealth } from './watchdog';

/** Where a screen's window is (from the window plan). */
export interface ScreenPlacement {
  displayId: number;
  bounds: Rect;
}

export interface WallHealthInput {
  pc: string | null;
  appVersion: string;
  at: number;
  /** The watchdog's view of every open window. */
  watch: readonly ScreenWatchHealth[];
  placements: ReadonlyMap<string, ScreenPlacement>;
  skipped: readonly { screenId: string; reason: string }[];
  /** Heartbeat silence the watchdog calls frozen (a screen silent that long is not healthy). */
  freezeMs: number;
}

/** The `screen:health` report. `healthy`: running, and drawing (fresh heartbeats, or a page that sends none). */
export function buildWallHealth(input: WallHealthInput): WallHealth {
  const clip = (s: string): string => (s.length > 500 ? `${s.slice(0, 497)}...` : s);
  const screens = input.watch.map((w): ScreenHealth => {
    const p = input.placements.get(w.screenId);
    return {
      screenId: w.screenId,
      phase: w.phase,
      healthy: w.phase === 'running' && (w.lastHeartbeatAgeMs === null || w.lastHeartbeatAgeMs < input.freezeMs),
      since: Math.max(0, Math.round(w.since)),
      lastHeartbeatAgeMs: w.lastHeartbeatAgeMs === null ? null : Math.max(0, Math.round(w.lastHeartbeatAgeMs)),
      reloads: w.reloads,
      recentFailures: w.recentFailures,
      lastProblem: w.lastProblem === null ? null : clip(w.lastProblem),
      displayId: p?.displayId ?? null,
      bounds: p ? { ...p.bounds } : null,
    };
  });
  return {
    pc: input.pc,
    appVersion: input.appVersion,
    at: Math.round(input.at),
    screens: screens.slice(0, 64),
    skipped: input.skipped.slice(0, 64).map((s) => ({ screenId: s.screenId, reason: clip(s.reason) })),
  };
}

export interface AdminAgentDeps {
  /** True when this PC has an open window for the screen. */
  hasScreen(screenId: string): boolean;
  /** Reloads the screen's wall page (through the watchdog, which counts it). */
  reload(screenId: string): void;
  /** The screen's picture as a base64 PNG of at most `maxWidth` px and `maxBase64` characters. */
  capture(screenId: string, maxWidth: number, maxBase64: number): Promise<{ png: string; width: number; height: number }>;
  now(): number;
  log: Logger;
}

export interface AdminAgent {
  /** Handler of `screen:reload` (raw payload and ack from socket.io). */
  onReload(raw: unknown, ack: unknown): void;
  /** Handler of `screen:capture`; resolves once the ack is sent. */
  onCapture(raw: unknown, ack: unknown): Promise<void>;
}

const NO_SCREEN = 'нет такого экрана на этом ПК / no such screen on this PC';

export function createAdminAgent(deps: AdminAgentDeps): AdminAgent {
  const ackOf = <T>(ack: unknown): ((r: T) => void) => (typeof ack === 'function' ? (ack as (r: T) => void) : () => undefined);
  return {
    onReload(raw, ack) {
      const reply = ackOf<AdminAck>(ack);
      const msg = ScreenReloadSchema.safeParse(raw);
      if (!msg.success)
        return reply({ ok: false, error: `screen:reload: ${msg.error.issues[0]?.path.join('.') || 'payload'}: ${msg.error.issues[0]?.message ?? 'invalid'}` });
      if (!deps.hasScreen(msg.data.screenId)) return reply({ ok: false, error: `${msg.data.screenId}: ${NO_SCREEN}` });
      deps.log.info(`[cur-wall] admin: reload ${msg.data.screenId}`);
      deps.reload(msg.data.screenId);
      reply({ ok: true });
    },
    async onCapture(raw, ack) {
      const reply = ackOf<CaptureAck>(ack);
      const msg = ScreenCaptureSchema.safeParse(raw);
      if (!msg.success)
        return reply({ ok: false, error: `screen:capture: ${msg.error.issues[0]?.path.join('.') || 'payload'}: ${msg.error.issues[0]?.message ?? 'invalid'}` });
      const { screenId, maxWidth = CAPTURE_DEFAULT_WIDTH } = msg.data;
      if (!deps.hasScreen(screenId)) return reply({ ok: false, error: `${screenId}: ${NO_SCREEN}` });
      try {
        const shot = await deps.capture(screenId, maxWidth, CAPTURE_MAX_BASE64);
        reply({ ok: true, ...shot, capturedAt: Math.round(deps.now()) });
      } catch (err) {
        deps.log.warn(`[cur-wall] admin: capture of ${screenId} failed: ${(err as Error).message}`);
        reply({ ok: false, error: `${screenId}: ${(err as Error).message}`.slice(0, 500) });
      }
    },
  };
}
