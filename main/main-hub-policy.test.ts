import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// main.ts against a fake `electron` (test/support/fake-electron.ts), with a hub on another
// machine over plain http: the wall page is refused unless the layout says "insecure": true.
const { fake } = await vi.hoisted(() => import('../test/support/fake-electron'));
vi.mock('electron', () => fake.electron);
fake.screen.displays = [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 }];

const dir = mkdtempSync(join(tmpdir(), 'cur-main-policy-'));
const page = (url: string): string => (url.startsWith('data:') ? Buffer.from(url.split(',')[1]!, 'base64').toString('utf8') : url);

/** Starts a fresh main.ts with this command line; returns its one window and its log. */
async function startMain(args: string[], logs: string) {
  vi.resetModules();
  fake.FakeBrowserWindow.all.length = 0;
  fake.app.logs = join(dir, logs);
  process.argv = ['/opt/CUR Wall/cur-wall', ...args];
  await import('./main');
  await vi.advanceTimersByTimeAsync(0);
  const [win, ...more] = fake.FakeBrowserWindow.all;
  expect(more).toHaveLength(0);
  return { win: win!, log: () => readFileSync(join(fake.app.logs, 'cur-wall.log'), 'utf8') };
}

beforeAll(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
  for (const level of ['info', 'warn', 'error'] as const) vi.spyOn(console, level).mockImplementation(() => undefined);
});
afterAll(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('main with a hub on another machine over plain http', () => {
  it('refuses it: the safe screen says why (RU + EN), the token is never sent, /admin is not connected', async () => {
    const { win, log } = await startMain(['--hub=http://10.0.0.5:8400', '--token=wall-secret-token', '--admin-token=admin-secret-token'], 'refused');
    expect(win.loaded).toHaveLength(1);
    const html = page(win.loaded[0]!);
    expect(win.loaded[0]).toMatch(/^data:text\/html;charset=utf-8;base64,/);
    expect(html).toContain('Хаб http://10.0.0.5:8400 без шифрования: подключение запрещено');
    expect(html).toContain('Refused: hub http://10.0.0.5:8400 over plain http/ws on another machine');
    expect(html).toContain('экран main');
    expect(html).not.toContain('wall-secret-token');
    expect(log()).toMatch(/ERROR \[cur-wall\] Хаб http:\/\/10\.0\.0\.5:8400 без шифрования/);
    expect(log()).toMatch(/ERROR \[cur-wall\] \/admin: не подключаюсь к этому хабу/);
  });

  it('allows it when the layout says "insecure": true, with a warning in the log', async () => {
    const layout = join(dir, 'insecure.json');
    writeFileSync(layout, JSON.stringify({ name: 'Один экран', insecure: true, screens: [{ id: 'main', view: 'wall' }] }));
    const { win, log } = await startMain(['--hub=http://10.0.0.5:8400', '--token=wall-secret-token', `--layout=${layout}`], 'insecure');
    expect(win.loaded[0]).toMatch(/^http:\/\/10\.0\.0\.5:8400\/#\/wall\/main\?token=wall-secret-token/);
    expect(log()).toMatch(/WARN \[cur-wall\] ВНИМАНИЕ: хаб http:\/\/10\.0\.0\.5:8400 без шифрования .*allowed by the layout \("insecure": true\)/);
  });

  it('loads an https hub on another machine as usual', async () => {
    const { win, log } = await startMain(['--hub=https://10.0.0.5:8400', '--token=wall-secret-token'], 'https');
    expect(win.loaded[0]).toMatch(/^https:\/\/10\.0\.0\.5:8400\/#\/wall\/main\?token=wall-secret-token/);
    expect(log()).not.toMatch(/без шифрования/);
  });
});
