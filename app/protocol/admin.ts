/**
 * The wall agent's side of the hub's `/admin` namespace: every wall PC's Electron main
 * connects with an admin token, reports the health of its screens, and carries out the
 * operator's commands for them (reload a screen, capture its picture).
 *
 * Flow: the agent connects to `/admin` with `auth: {token, client: 'wall-agent', pc}` → it sends
 * `screen:health` at once and every {@link HEALTH_INTERVAL_MS} → the hub keeps, per screen id,
 * the socket that last reported it (and exports the health to `/metrics`) → an operator's
 * `screen:reload` / `screen:capture` is forwarded by the hub to that socket, and the agent's
 * ack goes back to the operator.
 *
 * Payloads are validated at both ends with the schemas below. Names are `domain:verb`.
 */
import { z } from 'zod';

/** Namespace of the admin role. */
export const ADMIN_NAMESPACE = '/admin';
/** The agent reports health at least this often (ms). */
export const HEALTH_INTERVAL_MS = 10_000;
/** The hub may call a screen stale after this long without a health report (ms). */
export const HEALTH_STALE_AFTER_MS = 3 * HEALTH_INTERVAL_MS;
/** Default and largest width (px) of a captured picture. */
export const CAPTURE_DEFAULT_WIDTH = 960;
export const CAPTURE_MAX_WIDTH = 3840;
/**
 * Longest base64 PNG in a capture ack. The hub's socket.io server accepts messages up to
 * `maxHttpBufferSize` (1e6 bytes by default); the agent halves the picture until it fits.
 */
export const CAPTURE_MAX_BASE64 = 900_000;

const screenId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/);
const time = z.number().int().nonnegative();
const count = z.number().int().nonnegative();

/** Handshake `auth` of a wall agent (the hub checks `token` for the admin role as for any client). */
export const WallAgentAuthSchema = z.strictObject({
  token: z.string().min(1).max(512),
  client: z.literal('wall-agent'),
  /** The PC's `--pc` id; null on a single-PC wall. */
  pc: z.string().max(32).nullable(),
});

/** What a screen is doing. `safe-screen`: it keeps failing and shows the ЦУР sign and the time. */
export const ScreenPhaseSchema = z.enum(['loading', 'running', 'unresponsive', 'reloading', 'safe-screen']);

/** The health of one screen of a wall PC. */
export const ScreenHealthSchema = z.strictObject({
  screenId,
  phase: ScreenPhaseSchema,
  /** True when the screen shows the wall page and it is drawing (phase `running`, heartbeats fresh or not used). */
  healthy: z.boolean(),
  /** Since when (agent clock, ms) the screen is in this phase. */
  since: time,
  /** Age of the renderer's last heartbeat (ms); null when it sent none. */
  lastHeartbeatAgeMs: count.nullable(),
  /** Reloads since the window opened (watchdog and operator). */
  reloads: count,
  /** Failures within the last 10 minutes (5 switch the screen to the safe screen). */
  recentFailures: count,
  lastProblem: z.string().max(500).nullable(),
  /** The display the window is on (OS id: for logs only, ids are not stable). */
  displayId: z.number().int().nullable(),
  bounds: z.strictObject({ x: z.number().int(), y: z.number().int(), width: count, height: count }).nullable(),
});

/** Agent → hub, at connect and every {@link HEALTH_INTERVAL_MS}: every screen of this PC. */
export const WallHealthSchema = z.strictObject({
  pc: z.string().max(32).nullable(),
  appVersion: z.string().max(64),
  /** Agent clock (ms since the epoch). */
  at: time,
  screens: z.array(ScreenHealthSchema).max(64),
  /** Screens of this PC's layout that have no window, and why (a display is missing). */
  skipped: z.array(z.strictObject({ screenId, reason: z.string().max(500) })).max(64),
});

/** Hub → agent (forwarded from an operator): reload one screen's page. Ack: {@link AdminAck}. */
export const ScreenReloadSchema = z.strictObject({ screenId });
/** Hub → agent: capture one screen's picture as PNG. Ack: {@link CaptureAck}. */
export const ScreenCaptureSchema = z.strictObject({
  screenId,
  /** Width of the returned picture (px), at most the screen's own. @default CAPTURE_DEFAULT_WIDTH */
  maxWidth: z.number().int().min(64).max(CAPTURE_MAX_WIDTH).optional(),
});

export const AdminAckSchema = z.union([z.strictObject({ ok: z.literal(true) }), z.strictObject({ ok: z.literal(false), error: z.string().max(500) })]);
export const CaptureAckSchema = z.union([
  z.strictObject({
    ok: z.literal(true),
    /** PNG, base64 (no `data:` prefix), at most {@link CAPTURE_MAX_BASE64} characters. */
    png: z.string().max(CAPTURE_MAX_BASE64),
    width: count,
    height: count,
    capturedAt: time,
  }),
  z.strictObject({ ok: z.literal(false), error: z.string().max(500) }),
]);

export type WallAgentAuth = z.infer<typeof WallAgentAuthSchema>;
export type ScreenPhase = z.infer<typeof ScreenPhaseSchema>;
export type ScreenHealth = z.infer<typeof ScreenHealthSchema>;
export type WallHealth = z.infer<typeof WallHealthSchema>;
export type ScreenReload = z.infer<typeof ScreenReloadSchema>;
export type ScreenCapture = z.infer<typeof ScreenCaptureSchema>;
export type AdminAck = z.infer<typeof AdminAckSchema>;
export type CaptureAck = z.infer<typeof CaptureAckSchema>;

/** Events a wall agent sends to the hub on `/admin`. */
export interface WallAgentEvents {
  /** Every screen's health; at connect and every {@link HEALTH_INTERVAL_MS}. */
  'screen:health': (msg: WallHealth) => void;
}

/**
 * Events the hub sends to a wall agent on `/admin`. The hub sends each to the agent that
 * last reported the screen in `screen:health`; an operator's client sends the same events
 * (same payloads and acks) to the hub. The agent acks within a few seconds; a capture may
 * take up to ~5 s.
 */
export interface AdminToWallEvents {
  'screen:reload': (msg: ScreenReload, ack: (res: AdminAck) => void) => void;
  'screen:capture': (msg: ScreenCapture, ack: (res: CaptureAck) => void) => void;
}
