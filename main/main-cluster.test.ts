import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KIOSK_CHANNELS } from '../app/protocol/kiosk-api';

// main.ts against a fake `electron` (test/support/fake-electron.ts) with a hub cluster (issue 16):
// `--hub` is node A, the layout's `hubs` are B and C. A failed load moves the page to the next node.
const { fake } = await vi.hoisted(() => import('../test/support/fake-electron'));
vi.mock('electron', () => fake.electron);
fake.screen.displays = [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 }];

const A = 'https://hub-a.cur.local:8400';
const B = 'https://hub-b.cur.local:8400';
const C = 'https://hub-c.cur.local:8400';
const dir = mkdtempSync(join(tmpdir(), 'cur-main-cluster-'));
const page = (node: string, list: string[]) => `${node}/#/wall/main?token=wall-token&dist=4&hub=${encodeURIComponent(list.join(','))}`;
const ON_A = page(A, [A, B, C]);
const ON_B = page(B, [B, C, A]);
const ON_C = page(C, [C, A, B]);
const win = () => fake.FakeBrowserWindow.all.filter((w) => !w.destroyed).at(-1)!;
const failLoad = (w = win()) => w.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', w.loaded.at(-1), true);
const log = () => readFileSync(join(fake.app.logs, 'cur-wall.log'), 'utf8');

beforeAll(async () => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
  for (const level of ['info', 'warn', 'error'] as const) vi.spyOn(console, level).mockImplementation(() => undefined);
  const layout = join(dir, 'cluster.json');
  writeFileSync(layout, JSON.stringify({ name: 'Кластер', hubs: [B, 'https://evil.example:8400/x?y', C], screens: [{ id: 'main', view: 'wall' }] }));
  fake.app.logs = join(dir, 'logs');
  process.argv = ['/opt/CUR Wall/cur-wall', `--hub=${A}`, '--token=wall-token', `--layout=${layout}`];
  await import('./main');
  await vi.advanceTimersByTimeAsync(0);
});
afterAll(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('main with a hub cluster (layout hubs)', () => {
  it('loads the page from --hub, listing every node that passed the rules', () => {
    expect(fake.FakeBrowserWindow.all).toHaveLength(1);
    expect(win().loaded).toEqual([ON_A]);
    expect(log()).toMatch(/hubs: .*evil\.example.*this node is left out/);
  });

  it('allows navigation to the nodes of the layout and nowhere else', () => {
    const wc = win().webContents;
    for (const [url, allowed] of [
      [`${B}/#/wall/main`, true],
      [`${C}/#/wall/main`, true],
      [`${A}/#/wall/main`, true],
      ['https://evil.example:8400/#/wall/main', false],
      ['https://hub-b.cur.local:8401/#/wall/main', false],
    ] as const) {
      for (const name of ['will-navigate', 'will-redirect']) {
        const e = { url, preventDefault: vi.fn() };
        wc.emit(name, e);
        expect(e.preventDefault, `${name} ${url}`).toHaveBeenCalledTimes(allowed ? 0 : 1);
      }
    }
  });

  it('moves a failed load to the next node at the next watchdog tick; a page that loaded stays on its node', async () => {
    const w = win();
    failLoad(w);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(w.loaded).toEqual([ON_A, ON_B]);
    expect(log()).toContain(`main: loading from the next hub node ${B}`);
    // The page on B talks to main as the page on A did (the IPC sender check trusts every node).
    fake.ipc.sender = w.webContents;
    await expect(fake.electron.ipcRenderer.invoke(KIOSK_CHANNELS.screenInfo)).resolves.toMatchObject({ screenId: 'main' });
    w.webContents.emit('did-finish-load');
    // A crash of the page on B reloads it on B.
    w.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(w.loaded).toEqual([ON_A, ON_B, ON_B]);
    w.webContents.emit('did-finish-load');
  });

  it('opens a recreated window on the node its page moved to', async () => {
    fake.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 139 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fake.FakeBrowserWindow.all.filter((w) => !w.destroyed)).toHaveLength(1);
    expect(win().loaded).toEqual([ON_B]);
    win().webContents.emit('did-finish-load');
  });

  it('goes round the nodes and shows the safe screen only after every node failed 5 times', async () => {
    // Forget the earlier failures (10-minute window).
    await vi.advanceTimersByTimeAsync(11 * 60_000);
    const w = win();
    for (let i = 0; i < 40 && !w.loaded.at(-1)!.startsWith('data:'); i++) {
      failLoad(w);
      await vi.advanceTimersByTimeAsync(20_000);
    }
    const pages = w.loaded.slice(0, -1);
    expect(pages).toHaveLength(15);
    expect(pages).toEqual(Array.from({ length: 5 }, () => [ON_B, ON_C, ON_A]).flat());
    expect(Buffer.from(w.loaded.at(-1)!.split(',')[1]!, 'base64').toString('utf8')).toContain('экран main');
    // The safe screen's page itself is no hub page: it is never "moved".
    expect(log()).toMatch(/main: load failed \(-102 ERR_CONNECTION_REFUSED\); 5 failures within 600 s: showing the safe screen/);
    // Two minutes later the page is tried again (on the last node tried), then the others.
    await vi.advanceTimersByTimeAsync(120_000);
    expect(w.loaded.at(-1)).toBe(ON_A);
    failLoad(w);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(w.loaded.at(-1)).toBe(ON_B);
  });

  it('moves a page whose load hangs (a node that accepts the connection and never answers) to the next node after 30 s, uncounted', async () => {
    const w = win();
    // Loading on B since the last test (the retry failed on A), and B never answers.
    expect(w.loaded.at(-1)).toBe(ON_B);
    await vi.advanceTimersByTimeAsync(28_000);
    expect(w.loaded.at(-1)).toBe(ON_B);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(w.loaded.at(-1)).toBe(ON_C);
    expect(log()).toMatch(
      /WARN \[cur-wall\] watchdog: main: load timed out \(no answer within 30 s\); loading from the next hub node \(2 of 3 failed in this round\)/,
    );
    expect(log()).toContain(`main: loading from the next hub node ${C}`);
    // C answers: the page stays there.
    w.webContents.emit('did-finish-load');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(w.loaded.at(-1)).toBe(ON_C);
  });
});
