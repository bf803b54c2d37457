/**
 * A fake of the `electron` module for tests of main.ts (the binary cannot run here, and
 * `require('electron')` in plain Node tries to download it). One instance per test file:
 *
 *   const { fake } = await vi.hoisted(() => import('../test/support/fake-electron'));
 *   vi.mock('electron', () => fake.electron);
 *
 * (hoisted, so the fake stays the same object even after `vi.resetModules()`).
 *
 * Windows record what they loaded; `ipcMain` records its handlers and `ipcRenderer` (the
 * preload's side) delivers to them as if sent from the main frame of `fake.ipc.sender`'s
 * page, so a test can run the whole heartbeat loop: page → preload → main → watchdog.
 */
type Listener = (...args: unknown[]) => unknown;

export class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(name: string, fn: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
    return this;
  }
  once(name: string, fn: Listener): this {
    return this.on(name, fn);
  }
  removeListener(name: string, fn: Listener): this {
    this.listeners.set(
      name,
      (this.listeners.get(name) ?? []).filter((f) => f !== fn),
    );
    return this;
  }
  emit(name: string, ...args: unknown[]): void {
    for (const fn of this.listeners.get(name) ?? []) fn(...args);
  }
}

const fakeSession = () => ({
  setPermissionRequestHandler: () => undefined,
  setPermissionCheckHandler: () => undefined,
  webRequest: { onHeadersReceived: () => undefined },
});

let nextId = 1;

export class FakeWebContents extends Emitter {
  readonly id = nextId++;
  readonly session = fakeSession();
  css = new Map<string, string>();
  crashed = 0;
  openHandler: Listener | undefined;
  /** The page on screen (the last URL its window loaded). */
  url = '';
  setWindowOpenHandler(fn: Listener): void {
    this.openHandler = fn;
  }
  forcefullyCrashRenderer(): void {
    this.crashed++;
  }
  insertCSS(css: string): Promise<string> {
    const key = `k${this.css.size + 1}`;
    this.css.set(key, css);
    return Promise.resolve(key);
  }
  removeInsertedCSS(key: string): Promise<void> {
    this.css.delete(key);
    return Promise.resolve();
  }
}

export class FakeBrowserWindow extends Emitter {
  static all: FakeBrowserWindow[] = [];
  /** Called after every `loadURL` (a test starts its simulated page there). */
  static onLoad: ((win: FakeBrowserWindow, url: string) => void) | undefined;
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.all.push(this);
    // Electron announces every new web contents app-wide, before the window loads anything.
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.webContents.url = url;
    FakeBrowserWindow.onLoad?.(this, url);
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('closed');
  }
  show(): void {}
  isKiosk(): boolean {
    return false;
  }
  setKiosk(): void {}
  isFullScreen(): boolean {
    return false;
  }
  setFullScreen(): void {}
  setBounds(): void {}
}

const app = Object.assign(new Emitter(), {
  logs: '',
  isPackaged: true,
  requestSingleInstanceLock: () => true,
  enableSandbox: () => undefined,
  /** Switches appended to Chromium's command line, in order. */
  switches: [] as [string, string | undefined][],
  commandLine: {
    appendSwitch: (name: string, value?: string) => void app.switches.push([name, value]),
  },
  exit: (code: number) => {
    throw new Error(`app.exit(${code})`);
  },
  setAppLogsPath: () => undefined,
  getPath: () => app.logs,
  getVersion: () => '0.1.0',
  whenReady: () => Promise.resolve(),
});

const FHD = { width: 1920, height: 1080 };
/** Four Full HD displays in a 2×2 grid; a test may replace the list. */
const displays = [
  { id: 41, bounds: { x: 0, y: 0, ...FHD }, scaleFactor: 1 },
  { id: 42, bounds: { x: 1920, y: 0, ...FHD }, scaleFactor: 1 },
  { id: 43, bounds: { x: 0, y: 1080, ...FHD }, scaleFactor: 1 },
  { id: 44, bounds: { x: 1920, y: 1080, ...FHD }, scaleFactor: 1 },
];
const cursor = { x: 100, y: 100 };
const screen = Object.assign(new Emitter(), {
  displays,
  getPrimaryDisplay: () => screen.displays[0],
  getAllDisplays: () => screen.displays,
  getCursorScreenPoint: () => ({ ...cursor }),
});

/** Main's IPC handlers, and the page whose preload sends next. */
const ipc = {
  listeners: new Map<string, Listener[]>(),
  handlers: new Map<string, Listener>(),
  /** The web contents the next `ipcRenderer` call comes from. */
  sender: undefined as FakeWebContents | undefined,
};

const event = () => {
  const sender = ipc.sender;
  if (!sender) throw new Error('fake-electron: set fake.ipc.sender before a preload call');
  return { sender, senderFrame: { url: sender.url, parent: null } };
};

const ipcMain = {
  on(channel: string, fn: Listener) {
    ipc.listeners.set(channel, [...(ipc.listeners.get(channel) ?? []), fn]);
  },
  handle(channel: string, fn: Listener) {
    ipc.handlers.set(channel, fn);
  },
  removeListener(channel: string, fn: Listener) {
    ipc.listeners.set(
      channel,
      (ipc.listeners.get(channel) ?? []).filter((f) => f !== fn),
    );
  },
  removeHandler(channel: string) {
    ipc.handlers.delete(channel);
  },
};

const ipcRenderer = {
  send(channel: string, ...args: unknown[]) {
    const e = event();
    for (const fn of ipc.listeners.get(channel) ?? []) fn(e, ...args);
  },
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const fn = ipc.handlers.get(channel);
    if (!fn) return Promise.reject(new Error(`no handler for ${channel}`));
    const e = event();
    return new Promise((resolve) => resolve(fn(e, ...args)));
  },
};

/** What the preload exposed with `contextBridge.exposeInMainWorld`. */
const exposed = new Map<string, unknown>();

export const fake = {
  app,
  screen,
  cursor,
  ipc,
  exposed,
  FakeBrowserWindow,
  FakeWebContents,
  electron: {
    app,
    screen,
    session: { defaultSession: fakeSession() },
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    ipcRenderer,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    Menu: { setApplicationMenu: () => undefined },
    powerSaveBlocker: { start: () => 1 },
  },
};
