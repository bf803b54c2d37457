import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KioskApi } from '../app/protocol/kiosk-api';
import { startHeartbeat } from '../renderer/kiosk/heartbeat';
import type { FakeBrowserWindow } from './support/fake-electron';

// The whole heartbeat loop against a fake `electron`: the renderer's frame loop
// (renderer/kiosk/heartbeat.ts) → the preload's `window.kiosk` (main/preload.ts) → main's IPC
// checks (main/ipc.ts) → the watchdog (main/watchdog.ts) → a reload of the window, then the
// safe screen. Only the page is simulated: each wall page a window loads runs the real
// heartbeat on a frame loop of fake timers, until the test makes that page hang.
const { fake } = await vi.hoisted(() => import('./support/fake-electron'));
vi.mock('electron', () => fake.electron);

interface Page {
  win: FakeBrowserWindow;
  hung: boolean;
  stop: () => void;
}
const pages = new Map<FakeBrowserWindow, Page>();
/** Windows whose every new page hangs this long after it loaded. */
const hangsAfterLoad = new Map<FakeBrowserWindow, number>();
let kiosk: KioskApi;

/** A wall page in `win`: draws a frame every 100 ms (of fake time) until it hangs. */
function startPage(win: FakeBrowserWindow): void {
  pages.get(win)?.stop();
  const page: Page = { win, hung: false, stop: () => undefined };
  // The preload of this window: its IPC comes from this window's web contents.
  const own = { reportHeartbeat: (frame: number) => ((fake.ipc.sender = win.webContents), kiosk.reportHeartbeat(frame)) };
  page.stop = startHeartbeat(own, {
    request: (cb) => setTimeout(() => (page.hung ? undefined : cb(Date.now())), 100) as unknown as number,
    cancel: (h) => clearTimeout(h),
  });
  pages.set(win, page);
  const hangIn = hangsAfterLoad.get(win);
  if (hangIn !== undefined) setTimeout(() => (page.hung = true), hangIn);
}

const windows = () => fake.FakeBrowserWindow.all.filter((w) => !w.destroyed);
const byScreen = (id: string) => windows().find((w) => w.loaded[0]?.includes(`#/wall/${id}?`))!;
const logFile = () => readFileSync(join(fake.app.logs, 'cur-wall.log'), 'utf8');

beforeAll(async () => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
  for (const level of ['info', 'warn', 'error'] as const) vi.spyOn(console, level).mockImplementation(() => undefined);
  fake.app.logs = mkdtempSync(join(tmpdir(), 'cur-heartbeat-'));
  fake.FakeBrowserWindow.onLoad = (win, url) => {
    if (url.startsWith('http://127.0.0.1:8400/')) startPage(win);
    else pages.get(win)?.stop(); // the safe screen (a data: URL) has no wall page, and no heartbeat
  };
  await import('../main/preload');
  kiosk = fake.exposed.get('kiosk') as KioskApi;
  process.argv = ['/opt/CUR Wall/cur-wall', '--hub=http://127.0.0.1:8400', '--token=dev-wall'];
  await import('../main/main');
  await vi.advanceTimersByTimeAsync(0);
});
afterAll(() => {
  for (const p of pages.values()) p.stop();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the kiosk heartbeat, page to watchdog', () => {
  it('leaves pages that keep drawing alone', async () => {
    expect(windows().map((w) => w.loaded[0]?.match(/#\/wall\/([\w-]+)/)?.[1])).toEqual(['main', 'screen-2', 'screen-3', 'screen-4']);
    expect(kiosk.isKiosk).toBe(true);
    await vi.advanceTimersByTimeAsync(90_000);
    for (const w of windows()) expect(w.loaded).toHaveLength(1);
  });

  it('hard-reloads a page that stops beating (its renderer crashed first), and the reloaded page runs on', async () => {
    const w = byScreen('main');
    const url = w.loaded[0]!;
    pages.get(w)!.hung = true;
    await vi.advanceTimersByTimeAsync(14_000);
    expect(w.loaded).toHaveLength(1); // frozen only after 15 s without a new frame
    await vi.advanceTimersByTimeAsync(4_000);
    expect(w.webContents.crashed).toBe(1);
    expect(w.loaded).toEqual([url, url]);
    expect(logFile()).toMatch(/watchdog: main: frozen: no new frame for 1[5-6](\.\d)? s; hard reload in 1 s/);
    // The new page beats: no further reload.
    await vi.advanceTimersByTimeAsync(120_000);
    expect(w.loaded).toHaveLength(2);
    expect(byScreen('screen-2').loaded).toHaveLength(1);
  });

  it('shows the safe screen when a page keeps freezing, and tries the wall page again two minutes later', async () => {
    const w = byScreen('screen-3');
    const url = w.loaded[0]!;
    hangsAfterLoad.set(w, 3_000);
    pages.get(w)!.hung = true;
    // Frozen → reload after 1 s, 2 s, 4 s, 8 s: the fifth failure within 10 min is the safe screen.
    for (let i = 0; i < 5 * 30 && !w.loaded.at(-1)!.startsWith('data:'); i++) await vi.advanceTimersByTimeAsync(1_000);
    expect(w.loaded.slice(0, 5)).toEqual([url, url, url, url, url]);
    expect(w.loaded).toHaveLength(6);
    expect(w.webContents.crashed).toBe(4);
    expect(Buffer.from(w.loaded[5]!.split(',')[1]!, 'base64').toString('utf8')).toContain('экран screen-3');
    expect(logFile()).toMatch(/screen-3: frozen: no new frame for .*5 failures within 600 s: showing the safe screen/);
    // The other screens were left alone.
    expect(byScreen('screen-4').loaded).toHaveLength(1);
    // Two minutes later the wall page is tried again (and this time it keeps drawing).
    hangsAfterLoad.delete(w);
    await vi.advanceTimersByTimeAsync(121_000);
    expect(w.loaded.at(-1)).toBe(url);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(w.loaded).toHaveLength(7);
  });

  it('counts no heartbeat from a page that is not the hub’s (the safe screen, another origin)', async () => {
    const w = byScreen('screen-4');
    pages.get(w)!.stop();
    w.webContents.url = 'https://evil.example/';
    fake.ipc.sender = w.webContents;
    for (let f = 1; f <= 40; f++) {
      kiosk.reportHeartbeat(f);
      await vi.advanceTimersByTimeAsync(1_000);
    }
    // Its real page went silent 40 s ago: frozen, whatever the other origin sent.
    expect(w.webContents.crashed).toBe(1);
    expect(logFile()).toMatch(/ipc kiosk:report-heartbeat rejected \(untrusted sender\)/);
  });
});
