/**
 * The Chromium fallback of `npm start` (scripts/start.mjs, when the Electron binary is not
 * installed): one Chromium window per screen of the layout, with the same URL the Electron
 * main would load (viewport and `screenParams`), and the command line that opens it. Pure;
 * the desktop tests (test/desktop/wall-xvfb.test.ts, test/desktop/launcher.test.ts) open
 * their windows with exactly these command lines, and the headless browser tests take the
 * same GL and quiet flags (test/support/chromium.ts): one list, here.
 *
 * It knows no displays, and may run with no window manager (a kiosk PC on a bare X session),
 * where `--kiosk` and `--start-maximized` size nothing: every window gets an explicit
 * `--window-position` and `--window-size` from the layout (its `bounds`; else its
 * `display.point` and size; else its grid cell on a desktop of the given size).
 */
import { wallViewports } from '../app/wall/geometry';
import { parseWallLayout, type ParseResult, type WallScreen } from '../app/wall/wall-layout';
import { screensForPc, windowViewport, type Rect, type WallView } from './plan-windows';
import { screenParams } from './screen-params';
import { buildWallUrl } from './wall-url';

/** Tokens of the hub roles the windows present (the demo hub's `dev-wall` and `dev-touch`). */
export interface LauncherTokens {
  wall: string;
  touch: string;
}

/** One window to open. */
export interface LauncherWindow {
  screenId: string;
  view: WallView;
  url: string;
  /** Where the window goes and how large it is, in X screen pixels. */
  rect: Rect;
}

export interface LauncherPlan {
  name: string;
  windows: LauncherWindow[];
  warnings: string[];
}

/** The desktop assumed when the caller knows none (the X screen's size is better). */
export const DEFAULT_DESKTOP = { width: 1920, height: 1080 } as const;

/** The window size the layout implies for a screen: its bounds, else its display's size, else its panel's pixels. */
function windowSize(s: WallScreen): { width: number; height: number } | undefined {
  return s.bounds ?? s.display?.size ?? s.resolution;
}

/**
 * A screen's window rectangle: its `bounds`; else at its `display.point`, of its display's
 * (or panel's) size; else in its grid cell (or the n-th cell of a row) of that size, the
 * size being the whole desktop when the layout gives none (one screen on one display).
 */
export function windowRect(s: WallScreen, index: number, desktop: { width: number; height: number }): Rect {
  if (s.bounds) return { ...s.bounds };
  const size = windowSize(s) ?? desktop;
  if (s.display?.point) return { ...s.display.point, width: size.width, height: size.height };
  const col = s.grid?.col ?? index;
  const row = s.grid?.row ?? 0;
  return { x: col * size.width, y: row * size.height, width: size.width, height: size.height };
}

/**
 * The windows of a layout file's JSON for the hub at `hubUrl`. With `pc`, only that PC's
 * screens (as `cur-wall --pc=`); without it, every screen of the layout (a warning says so
 * for a layout of several PCs). `desktop`: the X screen's size, for screens the layout does
 * not place.
 */
export function launcherWindows(
  json: unknown,
  hubUrl: string,
  tokens: LauncherTokens,
  pc: string | null = null,
  desktop: { width: number; height: number } = DEFAULT_DESKTOP,
): ParseResult<LauncherPlan> {
  const parsed = parseWallLayout(json);
  if (!parsed.ok) return parsed;
  const layout = parsed.value;
  const warnings: string[] = [];
  let screens = layout.screens;
  const hasPcs = screens.some((s) => s.pc !== undefined);
  if (pc !== null || hasPcs) {
    const mine = screensForPc(layout, pc);
    if (pc !== null && !mine.screens) return { ok: false, error: mine.error ?? `no screens for --pc ${pc}` };
    if (mine.screens) screens = mine.screens;
    else warnings.push(`${mine.error ?? 'no --pc'}; открываю экраны всех ПК / opening the screens of every PC`);
  }
  const viewports = wallViewports(layout);
  const windows = screens.map((s, i): LauncherWindow => {
    const size = windowSize(s);
    const v = viewports.get(s.id);
    const viewport = v && windowViewport(v, size?.width ?? v.width);
    const token = s.view === 'touch' ? tokens.touch : tokens.wall;
    return {
      screenId: s.id,
      view: s.view,
      url: buildWallUrl(hubUrl, s.view, s.id, token, viewport, screenParams(layout, s, size?.height)),
      rect: windowRect(s, i, desktop),
    };
  });
  return { ok: true, value: { name: layout.name, windows, warnings } };
}

/** Chromium flags for a machine with no internet and no user: no first-run, sync, updates or pings. */
export const CHROMIUM_QUIET_ARGS: readonly string[] = [
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--metrics-recording-only',
];

/** Which GL the windows draw with. */
export type ChromiumGl = 'egl' | 'swiftshader';

/**
 * WebGL that works without a GPU (PITFALLS.md): ANGLE on EGL, i.e. the GPU's driver where
 * there is one and Mesa's llvmpipe where there is none (several times faster than
 * SwiftShader); `--enable-unsafe-swiftshader` lets Chromium fall back to SwiftShader when EGL
 * fails. `swiftshader` asks for it outright.
 */
export function chromiumGlArgs(gl: ChromiumGl = 'egl'): string[] {
  return gl === 'swiftshader'
    ? ['--use-angle=swiftshader', '--enable-unsafe-swiftshader']
    : ['--use-gl=angle', '--use-angle=gl-egl', '--ignore-gpu-blocklist', '--enable-unsafe-swiftshader'];
}

export interface ChromiumOptions {
  /** The window's own `--user-data-dir` (one Chromium process per window). */
  profileDir: string;
  /** Fullscreen kiosk (no frame, no infobar: pixel-exact) instead of an app window. */
  kiosk: boolean;
  /** Add `--no-sandbox` (Chromium refuses to start as root without it). */
  noSandbox: boolean;
  /** @default 'egl' */
  gl?: ChromiumGl;
  /** A DevTools port (0: any; Chromium writes it to `DevToolsActivePort`), for tests that watch the window. */
  debugPort?: number;
}

/**
 * The command line (without the binary) that opens `w`: at its rectangle, always, since
 * without a window manager neither `--kiosk` nor `--start-maximized` sizes a window. An
 * `--app` window has a frame under a window manager, so its page is smaller than its
 * rectangle; `--kiosk` shows exactly the page (PITFALLS.md).
 */
export function chromiumArgs(w: LauncherWindow, o: ChromiumOptions): string[] {
  return [
    `--user-data-dir=${o.profileDir}`,
    ...(o.kiosk ? ['--kiosk', w.url] : [`--app=${w.url}`]),
    `--window-position=${w.rect.x},${w.rect.y}`,
    `--window-size=${w.rect.width},${w.rect.height}`,
    ...CHROMIUM_QUIET_ARGS,
    ...chromiumGlArgs(o.gl),
    // `--test-type` keeps the «unsupported command-line flag: --no-sandbox» infobar off the wall.
    ...(o.noSandbox ? ['--no-sandbox', '--test-type'] : []),
    ...(o.debugPort !== undefined ? [`--remote-debugging-port=${o.debugPort}`] : []),
  ];
}
