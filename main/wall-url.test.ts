import { describe, expect, it } from 'vitest';
import { buildWallUrl, hasOrigin, parseHubUrl } from './wall-url';

describe('buildWallUrl', () => {
  it('routes a wall screen to #/wall/<id> with the token', () => {
    expect(buildWallUrl('http://127.0.0.1:8400', 'wall', 'main', 'dev-wall')).toBe('http://127.0.0.1:8400/#/wall/main?token=dev-wall');
  });

  it('gives a screen of a spanning map its viewport of the virtual canvas: vx, vy, vw, vh', () => {
    const v = { canvasWidth: 7704, canvasHeight: 2166, offsetX: 1926, offsetY: 1086, width: 1920, height: 1080 };
    expect(buildWallUrl('http://127.0.0.1:8400', 'wall', 'r2c2', 'dev-wall', v)).toBe(
      'http://127.0.0.1:8400/#/wall/r2c2?token=dev-wall&vx=1926&vy=1086&vw=7704&vh=2166',
    );
    // The touch panel has no map viewport.
    expect(buildWallUrl('http://127.0.0.1:8400', 'touch', 'touch', 't', v)).toBe('http://127.0.0.1:8400/#/touch?token=t');
  });

  it('adds what the layout says about the screen after the viewport', () => {
    const v = { canvasWidth: 3840, canvasHeight: 2160, offsetX: 0, offsetY: 1080, width: 1920, height: 1080 };
    expect(buildWallUrl('http://127.0.0.1:8400', 'wall', 'sw', 't', v, { shows: 'map', sound: true, dist: 5, pitch: 0.63 })).toBe(
      'http://127.0.0.1:8400/#/wall/sw?token=t&vx=0&vy=1080&vw=3840&vh=2160&shows=map&sound=1&dist=5&pitch=0.63',
    );
    expect(buildWallUrl('http://127.0.0.1:8400', 'touch', 'touch', 't', undefined, { pxmm: 3.643 })).toBe('http://127.0.0.1:8400/#/touch?token=t&pxmm=3.643');
  });

  it('routes the touch panel to #/touch', () => {
    expect(buildWallUrl('https://cur.example', 'touch', 'panel', 't')).toBe('https://cur.example/#/touch?token=t');
  });

  it('keeps a path prefix (hub behind a proxy), drops trailing slashes and escapes the token', () => {
    expect(buildWallUrl('https://cur.example/wall/', 'wall', 'screen-2', 'a&b=c#d')).toBe('https://cur.example/wall/#/wall/screen-2?token=a%26b%3Dc%23d');
  });

  it('refuses a hub that is not http(s)', () => {
    expect(() => buildWallUrl('file:///opt/cur/index.html', 'wall', 'main', 't')).toThrow(/must be http\(s\)/);
    expect(() => buildWallUrl('javascript:alert(1)', 'wall', 'main', 't')).toThrow(/must be http\(s\)/);
    expect(() => buildWallUrl('127.0.0.1:8400', 'wall', 'main', 't')).toThrow(/bad hub URL/);
  });
});

describe('parseHubUrl', () => {
  it('gives the base and the origin', () => {
    expect(parseHubUrl('http://127.0.0.1:8400/')).toEqual({ ok: true, value: { base: 'http://127.0.0.1:8400', origin: 'http://127.0.0.1:8400' } });
    expect(parseHubUrl('HTTPS://Cur.Example:443/x')).toEqual({ ok: true, value: { base: 'https://cur.example/x', origin: 'https://cur.example' } });
  });

  it('rejects credentials, a query and a fragment', () => {
    for (const bad of ['http://u:p@h:1', 'http://h:1/?a=1', 'http://h:1/#/wall/main', 'not a url', '']) {
      const r = parseHubUrl(bad);
      expect(r.ok, bad).toBe(false);
    }
  });
});

describe('hasOrigin', () => {
  it('matches the exact origin only; opaque origins never match', () => {
    const hub = 'http://127.0.0.1:8400';
    expect(hasOrigin('http://127.0.0.1:8400/#/wall/main', hub)).toBe(true);
    expect(hasOrigin('http://127.0.0.1:8401/', hub)).toBe(false);
    expect(hasOrigin('https://127.0.0.1:8400/', hub)).toBe(false);
    expect(hasOrigin('http://localhost:8400/', hub)).toBe(false);
    expect(hasOrigin('file:///etc/passwd', 'null')).toBe(false);
    expect(hasOrigin('garbage', hub)).toBe(false);
  });
});

describe('buildWallUrl with the other nodes of a hub cluster (issue 16)', () => {
  it('lists every node in `hub`, this hub first', () => {
    const url = buildWallUrl('https://hub-a.cur.local:8400', 'wall', 'main', 't0ken', undefined, undefined, ['https://hub-b.cur.local:8400/']);
    expect(new URL(url.replace('#/wall/main', '')).searchParams.get('hub')).toBe('https://hub-a.cur.local:8400,https://hub-b.cur.local:8400');
    expect(buildWallUrl('https://hub-a.cur.local:8400', 'wall', 'main', 't0ken')).not.toContain('hub=');
  });
  it('refuses a node that is not a hub URL', () => {
    expect(() => buildWallUrl('https://hub-a.cur.local:8400', 'wall', 'main', 't0ken', undefined, undefined, ['ftp://x'])).toThrow();
  });
});
