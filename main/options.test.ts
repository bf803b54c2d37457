import { describe, expect, it } from 'vitest';
import { loadWallLayout } from './layout-file';
import { DEFAULT_HUB_URL, parseOptions } from './options';

describe('parseOptions', () => {
  it('runs with the embedded defaults when nothing is given', () => {
    expect(parseOptions([], {})).toEqual({
      ok: true,
      value: { hubUrl: DEFAULT_HUB_URL, hubOrigin: DEFAULT_HUB_URL, token: 'dev-wall', layoutPath: null, pc: null, adminToken: null },
    });
  });

  it('takes the environment, and the command line over it', () => {
    const env = { CUR_HUB_URL: 'https://cur.example/', CUR_WALL_TOKEN: 'env-token', CUR_WALL_LAYOUT: '/etc/cur/wall.json' };
    expect(parseOptions([], env)).toEqual({
      ok: true,
      value: {
        hubUrl: 'https://cur.example',
        hubOrigin: 'https://cur.example',
        token: 'env-token',
        layoutPath: '/etc/cur/wall.json',
        pc: null,
        adminToken: null,
      },
    });
    const r = parseOptions(['/opt/cur/cur-wall', '--hub=http://10.0.0.5:8400', '--token=cli', '--layout=wall.json'], env);
    expect(r).toEqual({
      ok: true,
      value: { hubUrl: 'http://10.0.0.5:8400', hubOrigin: 'http://10.0.0.5:8400', token: 'cli', layoutPath: 'wall.json', pc: null, adminToken: null },
    });
  });

  it('leaves Chromium switches and the app path alone, and treats an empty variable as unset', () => {
    const r = parseOptions(['.', '--enable-logging', '--hubble=1', '--no-sandbox'], { CUR_HUB_URL: '' });
    expect(r.ok && r.value.hubUrl).toBe(DEFAULT_HUB_URL);
  });

  it('says what is wrong with a bad hub URL and where it came from', () => {
    const r = parseOptions(['--hub=ftp://hub'], {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/bad hub URL.*must be http\(s\).*\(--hub\)/s);
    const e = parseOptions([], { CUR_HUB_URL: 'hub:8400' });
    expect(!e.ok && e.error).toMatch(/CUR_HUB_URL/);
  });

  it('explains the --name=value form', () => {
    const r = parseOptions(['--hub', 'http://h:1'], {});
    expect(!r.ok && r.error).toMatch(/--hub=value/);
  });

  it("reads this PC's id and the /admin token, from the command line or the environment", () => {
    const r = parseOptions(['--pc=wall-a', '--admin-token=adm1n-token'], {});
    expect(r.ok && [r.value.pc, r.value.adminToken]).toEqual(['wall-a', 'adm1n-token']);
    const e = parseOptions([], { CUR_WALL_PC: 'wall-b', CUR_ADMIN_TOKEN: 'from-env' });
    expect(e.ok && [e.value.pc, e.value.adminToken]).toEqual(['wall-b', 'from-env']);
    const bad = parseOptions(['--pc=Wall A'], {});
    expect(!bad.ok && bad.error).toMatch(/bad PC id.*\(--pc\)|\(--pc\).*bad PC id/);
    expect(parseOptions(['--admin-token=a b'], {}).ok).toBe(false);
    expect(!parseOptions(['--pc'], {}).ok).toBe(true);
  });

  it('rejects a token with spaces and an empty layout path', () => {
    expect(parseOptions(['--token=a b'], {}).ok).toBe(false);
    expect(parseOptions(['--token='], {}).ok).toBe(false);
    const l = parseOptions(['--layout='], {});
    expect(!l.ok && l.error).toMatch(/empty layout path/);
  });
});

describe('loadWallLayout', () => {
  const file = (text: string) => () => text;

  it('no path: no layout and no error', () => {
    expect(loadWallLayout(null)).toEqual({ layout: null, error: null });
  });

  it('loads a valid file', () => {
    const r = loadWallLayout('wall.json', file('{"name":"Стена","screens":[{"id":"main"}]}'));
    expect(r.error).toBeNull();
    expect(r.layout?.screens).toEqual([{ id: 'main', view: 'wall', shows: { type: 'map-region', region: 'main' } }]);
  });

  it('names the file and the field on a schema error, and falls back to no layout', () => {
    const r = loadWallLayout('wall.json', file('{"name":"Стена","screens":[{"id":"Main"}]}'));
    expect(r.layout).toBeNull();
    expect(r.error).toMatch(/^wall\.json: .*screens\.0\.id/);
  });

  it('reports bad JSON and a missing file', () => {
    expect(loadWallLayout('wall.json', file('{')).error).toMatch(/not valid JSON/);
    const missing = loadWallLayout('/nonexistent/cur-wall-layout.json');
    expect(missing.layout).toBeNull();
    expect(missing.error).toMatch(/cannot read layout file.*ENOENT/);
  });
});
