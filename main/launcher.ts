/**
 * The Chromium fallback of `npm start` (scripts/start.mjs, when the Electron binary is not
 * installed): one Chromium window per screen of the layout, with the same URL the Electron
 * main would load (viewport and `screenParams`), and the command line that opens it. Pure;
 * the desktop test (test/desktop/wall-xvfb.test.ts) opens its windows with it too.
 *
 * It knows no displays: a screen goes where its `bounds` say, else to its `display.point`
 * (maximised there, or fullscreen with `--kiosk`), else wherever the window manager puts it.
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
  /** Exact window rectangle (the screen's `bounds`); null = not known. */
  bounds: Rect | null;
  /** A point on the screen's display (`display.point`) when `bounds` is not given. */
  at: { x: number; y: number } | null;
}

export interface LauncherPlan {
  name: string;
  windows: LauncherWindow[];
  warnings: string[];
}

/** The window size the layout implies for a screen: its bounds, else its display's size, else its panel's pixels. */
function windowSize(s: WallScreen): { width: number; height: number } | undefined {
  return s.bounds ?? s.display?.size ?? s.resolution;
}

/**
 * The windows of a layout file's JSON for the hub at `hubUrl`. With `pc`, only that PC's
 * screens (as `cur-wall --pc=`); without it, every screen of the layout (a warning says so
 * for a layout of several PCs).
 */
export function launcherWindows(json: unknown, hubUrl: string, tokens: LauncherTokens, pc: string | null = null): ParseResult<LauncherPlan> {
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
  const windows = screens.map((s): LauncherWindow => {
    const size = windowSize(s);
    const v = viewports.get(s.id);
    const viewport = v && windowViewport(v, size?.width ?? v.width);
    const token = s.view === 'touch' ? tokens.touch : tokens.wall;
    return {
      screenId: s.id,
      view: s.view,
      url: buildWallUrl(hubUrl, s.view, s.id, token, viewport, screenParams(layout, s, size?.height)),
      bounds: s.bounds ? { ...s.bounds } : null,
      at: !s.bounds && s.display?.point ? { ...s.display.point } : null,
    };
  });
  return { ok: true, value: { name: layout.name, windows, warnings } };
}

export interface ChromiumOptions {
  /** The window's own `--user-data-dir` (one Chromium process per window). */
  profileDir: string;
  /** Fullscreen kiosk (no frame, no infobar: pixel-exact) instead of an app window. */
  kiosk: boolean;
  /** Add `--no-sandbox` (Chromium refuses to start as root without it). */
  noSandbox: boolean;
}

/**
 * The command line (without the binary) that opens `w`. An `--app` window has a frame under
 * a window manager, so its page is smaller than its bounds; `--kiosk` shows exactly the page
 * (PITFALLS.md).
 */
export function chromiumArgs(w: LauncherWindow, o: ChromiumOptions): string[] {
  const place = w.bounds
    ? [`--window-position=${w.bounds.x},${w.bounds.y}`, `--window-size=${w.bounds.width},${w.bounds.height}`]
    : w.at
      ? [`--window-position=${w.at.x},${w.at.y}`, ...(o.kiosk ? [] : ['--start-maximized'])]
      : ['--start-maximized'];
  return [
    `--user-data-dir=${o.profileDir}`,
    ...(o.kiosk ? ['--kiosk', w.url] : [`--app=${w.url}`]),
    ...place,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    // `--test-type` keeps the «unsupported command-line flag: --no-sandbox» infobar off the wall.
    ...(o.noSandbox ? ['--no-sandbox', '--test-type'] : []),
  ];
}
