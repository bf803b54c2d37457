/**
 * Entry of the Electron main process (bundled to out/main/main.cjs). Thin on purpose: it
 * wires Electron's events to the pure modules beside it (options, layout file, window plan,
 * watchdog, IPC checks, admin agent) and holds the list of open windows. No domain logic
 * here (ARCHITECTURE.md).
 */
import { join } from 'node:path';
import { app, ipcMain, Menu, powerSaveBlocker, screen, session, type BrowserWindow } from 'electron';
import type { KioskScreenInfo } from '../app/protocol/kiosk-api';
import { buildWallHealth, createAdminAgent, type ScreenPlacement } from './admin-agent';
import { connectAdminLink } from './admin-link';
import { capturePng } from './capture';
import { hubBases, hubIndexOf, hubOrigins, nextWallUrl, wallUrlOnHub } from './hub-rotation';
import { checkHubTransport } from './hub-url-policy';
import { CURSOR_POLL_MS, IdleCursor } from './idle-cursor';
import { registerKioskIpc, type Logger } from './ipc';
import { loadWallLayout } from './layout-file';
import { parseOptions } from './options';
import { diffWindows, planWindows, type DisplayInfo, type PlannedWindow, type SkippedScreen } from './plan-windows';
import { fileLogger, RotatingLog } from './rotating-log';
import { safeScreenUrl } from './safe-screen';
import { buildWallUrl, parseHubUrl } from './wall-url';
import { DEFAULT_WATCHDOG_CONFIG, Watchdog, type WatchdogAction, type WatchdogEvent } from './watchdog';
import { devToolsAllowed, guardWebContents, hardenSession } from './web-guard';
import { createKioskWindow, placeKioskWindow, reloadKioskWindow, setCursorHidden, showSafeScreen } from './window-factory';

/** Display changes arrive in bursts (a monitor waking up reports several): wait for calm. */
const REPLAN_DEBOUNCE_MS = 750;
/** How often the watchdog looks at the clock. */
const WATCHDOG_TICK_MS = 1_000;

interface OpenWindow {
  win: BrowserWindow;
  plan: PlannedWindow;
  url: string;
  index: number;
}

/** The log file in Electron's logs folder (inside the user data folder on Linux and Windows). */
function openLog(): Logger {
  try {
    app.setAppLogsPath();
    return fileLogger(new RotatingLog({ dir: app.getPath('logs') }));
  } catch (err) {
    console.error(`[cur-wall] no log file, console only: ${(err as Error).message}`);
    return console;
  }
}

function main(): void {
  const parsed = parseOptions(process.argv.slice(1), process.env);
  if (!parsed.ok) {
    console.error(`[cur-wall] ${parsed.error}`);
    app.exit(2);
    return;
  }
  const options = parsed.value;

  if (!app.requestSingleInstanceLock()) {
    console.error('[cur-wall] уже запущен / another instance is already running; exiting');
    app.exit(0);
    return;
  }
  const log = openLog();
  app.on('second-instance', () => log.warn('[cur-wall] a second instance was started and refused'));

  // Russian locale whatever the OS's: Chromium's own widgets, `navigator.language` and any
  // locale-default formatting read it (the wall's own text is formatted by app/ui/format-ru).
  app.commandLine.appendSwitch('lang', 'ru-RU');
  // Every renderer sandboxed, whatever a window asks for (security checklist).
  app.enableSandbox();
  // Every web contents, whoever creates it, gets the guards before it loads anything.
  /** The other hub nodes of a cluster (layout `hubs`, issue 16) that passed the transport rule. */
  const otherHubs: string[] = [];
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, options.hubOrigin, log, otherHubs));
  const devTools = devToolsAllowed(app.isPackaged);

  const loaded = loadWallLayout(options.layoutPath);
  if (loaded.error) log.error(`[cur-wall] ${loaded.error}; работаю без раскладки / continuing without a layout (every display gets a wall screen)`);
  const layout = loaded.layout;
  // A hub on another machine over plain http/ws: refused (the safe screen says why) unless
  // the layout says "insecure": true.
  const transport = checkHubTransport(options.hubUrl, layout?.insecure === true);
  if (!transport.ok) log.error(`[cur-wall] ${transport.message}`);
  else if (transport.warning) log.warn(`[cur-wall] ${transport.warning}`);
  for (const h of layout?.hubs ?? []) {
    const t = parseHubUrl(h).ok ? checkHubTransport(h, layout?.insecure === true) : null;
    if (t?.ok) otherHubs.push(h);
    else log.error(`[cur-wall] hubs: ${t ? t.message : `bad hub URL ${h}`}; this node is left out`);
  }

  // The nodes a page may be loaded from, `--hub` first: a failed load moves it to the next one.
  const bases = hubBases(options.hubUrl, otherHubs);
  /** The node each screen's page last moved to (index in `bases`): a recreated window stays there. */
  const nodeOf = new Map<string, number>();

  const preloadPath = join(__dirname, 'preload.cjs');
  const watchdog = new Watchdog({ hubNodes: transport.ok ? bases.length : 1 });
  const windows = new Map<string, OpenWindow>();
  /** Windows main closes itself: their `closed` event is not a reason to re-plan. */
  const closingByUs = new WeakSet<BrowserWindow>();
  const idleCursor = new IdleCursor();
  let skipped: SkippedScreen[] = [];
  let quitting = false;
  let replanTimer: ReturnType<typeof setTimeout> | undefined;
  let adminReport: (() => void) | undefined;

  const screenOf = (webContentsId: number): KioskScreenInfo | undefined => {
    for (const w of windows.values()) {
      if (!w.win.isDestroyed() && w.win.webContents.id === webContentsId) {
        return { screenId: w.plan.screenId, index: w.index, appVersion: app.getVersion() };
      }
    }
    return undefined;
  };

  const act = (a: WatchdogAction): void => {
    if (a.type === 'log') {
      log[a.level](`[cur-wall] watchdog: ${a.message}`);
      return;
    }
    if (a.type === 'recreate-windows') {
      for (const [id, w] of windows) {
        windows.delete(id);
        closingByUs.add(w.win);
        if (!w.win.isDestroyed()) w.win.destroy();
      }
      log.warn(`[cur-wall] recreating all windows: ${a.reason}`);
      replan();
      return;
    }
    const w = windows.get(a.screenId);
    if (!w) return;
    if (a.type === 'reload') {
      const next = a.nextHub ? nextWallUrl(w.url, bases) : null;
      if (next !== null && next !== w.url) {
        w.url = next;
        nodeOf.set(a.screenId, hubIndexOf(next, bases));
        log.warn(`[cur-wall] ${a.screenId}: loading from the next hub node ${bases[hubIndexOf(next, bases)]}`);
      }
      log.info(`[cur-wall] reloading ${a.screenId}${a.hard ? ' (renderer crashed first)' : ''}: ${a.reason}`);
      reloadKioskWindow(w.win, w.url, a.hard);
    } else {
      log.error(`[cur-wall] ${a.screenId}: safe screen (${a.reason})`);
      showSafeScreen(w.win, a.screenId);
    }
  };
  const dispatch = (e: WatchdogEvent): void => {
    for (const a of watchdog.dispatch(e)) act(a);
  };

  const open = (p: PlannedWindow, index: number): void => {
    // Refused hub: the safe screen with the reason, and the token never leaves this PC.
    let url: string;
    if (!transport.ok) url = safeScreenUrl(p.screenId, transport.message);
    else {
      url = buildWallUrl(options.hubUrl, p.view, p.screenId, options.token, p.viewport, p.params, otherHubs);
      // A window opened again (displays changed, the GPU process gone) stays on the node it moved to.
      const node = nodeOf.get(p.screenId) ?? 0;
      if (node > 0) url = wallUrlOnHub(url, bases, node) ?? url;
    }
    const win = createKioskWindow({
      screenId: p.screenId,
      bounds: p.bounds,
      url,
      preloadPath,
      hubOrigin: options.hubOrigin,
      otherHubs,
      fullscreen: p.fullscreen,
      devTools,
      cursorAlwaysHidden: p.view === 'touch',
      onWatchdogEvent: dispatch,
      log,
    });
    windows.set(p.screenId, { win, plan: p, url, index });
    win.on('closed', () => {
      const current = windows.get(p.screenId)?.win;
      if (current === win) windows.delete(p.screenId);
      // Not when a newer window already shows this screen (a close may be reported late).
      if (current === undefined || current === win) dispatch({ type: 'closed', screenId: p.screenId });
      if (!quitting && !closingByUs.has(win)) {
        log.warn(`[cur-wall] window ${p.screenId} was closed; reopening`);
        scheduleReplan();
      }
    });
    if (idleCursor.hidden) setCursorHidden(win, true);
    log.info(
      `[cur-wall] opened ${p.screenId} (${p.shows?.type ?? p.view}) on display ${p.displayId} at ${JSON.stringify(p.bounds)}${p.viewport ? ` viewport ${JSON.stringify(p.viewport)}` : ''}`,
    );
  };

  function replan(): void {
    const primaryId = screen.getPrimaryDisplay().id;
    const displays: DisplayInfo[] = screen
      .getAllDisplays()
      .map((d) => ({ id: d.id, bounds: d.bounds, primary: d.id === primaryId, scaleFactor: d.scaleFactor }));
    const plan = planWindows(layout, displays, options.pc);
    skipped = plan.skipped;
    for (const s of plan.skipped) log.warn(`[cur-wall] screen ${s.screenId} skipped: ${s.reason}`);
    for (const w of plan.warnings) log.warn(`[cur-wall] ${w}`);

    const current = new Map([...windows].map(([id, w]) => [id, w.plan] as const));
    const diff = diffWindows(current, plan.windows);
    for (const id of diff.close) {
      const w = windows.get(id);
      if (!w) continue;
      windows.delete(id);
      closingByUs.add(w.win);
      if (!w.win.isDestroyed()) w.win.destroy();
      log.info(`[cur-wall] closed ${id}`);
    }
    for (const p of diff.move) {
      const w = windows.get(p.screenId);
      if (!w) continue;
      placeKioskWindow(w.win, p.bounds, p.fullscreen);
      w.plan = p;
      log.info(`[cur-wall] moved ${p.screenId} to display ${p.displayId} at ${JSON.stringify(p.bounds)}`);
    }
    plan.windows.forEach((p, index) => {
      const w = windows.get(p.screenId);
      if (w) w.index = index;
    });
    for (const p of diff.open) open(p, plan.windows.indexOf(p));
    adminReport?.();
  }

  function scheduleReplan(): void {
    clearTimeout(replanTimer);
    replanTimer = setTimeout(() => {
      replanTimer = undefined;
      if (!quitting) replan();
    }, REPLAN_DEBOUNCE_MS);
  }

  // Windows come and go with displays; the app lives on until it is stopped (systemd).
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', () => {
    quitting = true;
  });
  // The GPU process serves every window: when it dies, all of them are recreated.
  app.on('child-process-gone', (_event, details) => {
    if (details.type === 'GPU') dispatch({ type: 'gpu-gone', at: Date.now(), reason: `${details.reason}, exit code ${details.exitCode}` });
  });

  void app.whenReady().then(() => {
    powerSaveBlocker.start('prevent-display-sleep');
    // No application menu: it carries the reload and developer-tools shortcuts.
    Menu.setApplicationMenu(null);
    hardenSession(session.defaultSession, options.hubOrigin, log, otherHubs);
    registerKioskIpc({
      ipcMain,
      hubOrigin: options.hubOrigin,
      otherHubOrigins: hubOrigins(bases),
      screenOf,
      onHeartbeat: (screenId, frame, at) => dispatch({ type: 'heartbeat', screenId, frame, at }),
      log,
    });
    log.info(
      `[cur-wall] ${app.getVersion()}${devTools ? ' (development: devtools on)' : ''}: hub ${options.hubUrl}, pc ${options.pc ?? '(single)'}, layout ${layout ? `«${layout.name}» (${options.layoutPath})` : 'none (one wall screen per display)'}`,
    );

    if (options.adminToken && !transport.ok) log.error('[cur-wall] /admin: не подключаюсь к этому хабу / not connecting to this hub (see above)');
    if (options.adminToken && transport.ok) {
      const agent = createAdminAgent({
        hasScreen: (id) => windows.has(id),
        reload: (id) => dispatch({ type: 'reload-requested', screenId: id, at: Date.now(), by: 'admin' }),
        capture: (id, maxWidth, maxBase64) => {
          const w = windows.get(id);
          if (!w || w.win.isDestroyed()) return Promise.reject(new Error('window closed'));
          return capturePng(w.win.webContents, maxWidth, maxBase64);
        },
        now: Date.now,
        log,
      });
      const link = connectAdminLink({
        hubOrigin: options.hubOrigin,
        token: options.adminToken,
        pc: options.pc,
        agent,
        log,
        health: () => {
          const placements = new Map<string, ScreenPlacement>(
            [...windows].map(([id, w]) => [id, { displayId: w.plan.displayId, bounds: w.plan.bounds }] as const),
          );
          const at = Date.now();
          return buildWallHealth({
            pc: options.pc,
            appVersion: app.getVersion(),
            at,
            watch: watchdog.health(at),
            placements,
            skipped,
            freezeMs: DEFAULT_WATCHDOG_CONFIG.freezeMs,
          });
        },
      });
      adminReport = link.report;
      app.on('before-quit', () => link.close());
    }

    replan();
    screen.on('display-added', scheduleReplan);
    screen.on('display-removed', scheduleReplan);
    // A changed resolution or arrangement moves display bounds just the same.
    screen.on('display-metrics-changed', scheduleReplan);

    setInterval(() => dispatch({ type: 'tick', at: Date.now() }), WATCHDOG_TICK_MS);
    setInterval(() => {
      const change = idleCursor.update(screen.getCursorScreenPoint(), Date.now());
      if (!change) return;
      for (const w of windows.values()) if (w.plan.view !== 'touch') setCursorHidden(w.win, change === 'hide');
    }, CURSOR_POLL_MS);
  });
}

main();
