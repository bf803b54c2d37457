/**
 * Entry of the Electron main process (bundled to out/main/main.cjs). Thin on purpose: it
 * wires Electron's events to the pure modules beside it (options, layout file, window plan,
 * IPC checks) and holds the list of open windows. No domain logic here (ARCHITECTURE.md).
 */
import { join } from 'node:path';
import { app, ipcMain, Menu, powerSaveBlocker, screen, session, type BrowserWindow } from 'electron';
import type { KioskScreenInfo } from '../app/protocol/kiosk-api';
import { HeartbeatMonitor } from './heartbeat-monitor';
import { registerKioskIpc } from './ipc';
import { loadWallLayout } from './layout-file';
import { parseOptions } from './options';
import { diffWindows, planWindows, type DisplayInfo, type PlannedWindow } from './plan-windows';
import { buildWallUrl } from './wall-url';
import { createKioskWindow, hardenSession, placeKioskWindow } from './window-factory';

/** Display changes arrive in bursts (a monitor waking up reports several): wait for calm. */
const REPLAN_DEBOUNCE_MS = 750;

const log = console;

interface OpenWindow {
  win: BrowserWindow;
  plan: PlannedWindow;
  index: number;
}

function main(): void {
  const parsed = parseOptions(process.argv.slice(1), process.env);
  if (!parsed.ok) {
    log.error(`[cur-wall] ${parsed.error}`);
    app.exit(2);
    return;
  }
  const options = parsed.value;

  if (!app.requestSingleInstanceLock()) {
    log.error('[cur-wall] уже запущен / another instance is already running; exiting');
    app.exit(0);
    return;
  }
  app.on('second-instance', () => log.warn('[cur-wall] a second instance was started and refused'));

  // Every renderer sandboxed, whatever a window asks for (security checklist).
  app.enableSandbox();

  const loaded = loadWallLayout(options.layoutPath);
  if (loaded.error) log.error(`[cur-wall] ${loaded.error}; работаю без раскладки / continuing without a layout (every display gets a wall screen)`);
  const layout = loaded.layout;

  const preloadPath = join(__dirname, 'preload.cjs');
  const monitor = new HeartbeatMonitor();
  const windows = new Map<string, OpenWindow>();
  /** Windows main closes itself: their `closed` event is not a reason to re-plan. */
  const closingByUs = new WeakSet<BrowserWindow>();
  let quitting = false;
  let replanTimer: ReturnType<typeof setTimeout> | undefined;

  const screenOf = (webContentsId: number): KioskScreenInfo | undefined => {
    for (const w of windows.values()) {
      if (!w.win.isDestroyed() && w.win.webContents.id === webContentsId) {
        return { screenId: w.plan.screenId, index: w.index, appVersion: app.getVersion() };
      }
    }
    return undefined;
  };

  const open = (p: PlannedWindow, index: number): void => {
    const url = buildWallUrl(options.hubUrl, p.view, p.screenId, options.token);
    const win = createKioskWindow({ bounds: p.bounds, url, preloadPath, hubOrigin: options.hubOrigin, fullscreen: p.fullscreen, log });
    windows.set(p.screenId, { win, plan: p, index });
    monitor.watch(p.screenId, Date.now());
    win.on('closed', () => {
      if (windows.get(p.screenId)?.win === win) windows.delete(p.screenId);
      monitor.forget(p.screenId);
      if (!quitting && !closingByUs.has(win)) {
        log.warn(`[cur-wall] window ${p.screenId} was closed; reopening`);
        scheduleReplan();
      }
    });
    log.info(`[cur-wall] opened ${p.screenId} (${p.view}) on display ${p.displayId} at ${JSON.stringify(p.bounds)}`);
  };

  const replan = (): void => {
    const primaryId = screen.getPrimaryDisplay().id;
    const displays: DisplayInfo[] = screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds, primary: d.id === primaryId }));
    const plan = planWindows(layout, displays);
    for (const s of plan.skipped) log.warn(`[cur-wall] screen ${s.screenId} skipped: ${s.reason}`);

    const current = new Map([...windows].map(([id, w]) => [id, w.plan] as const));
    const diff = diffWindows(current, plan.windows);
    for (const id of diff.close) {
      const w = windows.get(id);
      if (!w) continue;
      windows.delete(id);
      monitor.forget(id);
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
  };

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

  void app.whenReady().then(() => {
    powerSaveBlocker.start('prevent-display-sleep');
    // No application menu: it carries the reload and developer-tools shortcuts.
    Menu.setApplicationMenu(null);
    hardenSession(session.defaultSession, options.hubOrigin);
    registerKioskIpc({ ipcMain, hubOrigin: options.hubOrigin, monitor, screenOf, log });
    log.info(`[cur-wall] hub ${options.hubUrl}, layout ${layout ? `«${layout.name}» (${options.layoutPath})` : 'none (one wall screen per display)'}`);
    replan();
    screen.on('display-added', scheduleReplan);
    screen.on('display-removed', scheduleReplan);
    // A changed resolution or arrangement moves display bounds just the same.
    screen.on('display-metrics-changed', scheduleReplan);
  });
}

main();
