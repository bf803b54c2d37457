import { describe, expect, it } from 'vitest';
import { hubBases, hubIndexOf, hubOrigins, nextWallUrl, wallUrlOnHub } from './hub-rotation';
import type { ScreenParams } from './screen-params';
import { buildWallUrl } from './wall-url';

const A = 'https://hub-a.cur.local:8400';
const B = 'https://hub-b.cur.local:8400';
const C = 'https://cur.example/wall';
const bases = hubBases(`${A}/`, [B, C]);
const VIEWPORT = { offsetX: 3843, offsetY: 0, width: 1920, height: 1080, canvasWidth: 7684, canvasHeight: 2161 };
const PARAMS: ScreenParams = { shows: 'map', dist: 6, pitch: 0.63 };
/** The page as main builds it for the node `bases[i]` (the `hub=` list starting with that node). */
const built = (i: number): string => buildWallUrl(bases[i]!, 'wall', 'r1c3', 't o/k&en', VIEWPORT, PARAMS, [...bases.slice(i + 1), ...bases.slice(0, i)]);

describe('hubBases / hubOrigins', () => {
  it('lists --hub first, then the other nodes, as bases without duplicates', () => {
    expect(bases).toEqual([A, B, C]);
    expect(hubBases(A, [`${A}/`, B])).toEqual([A, B]);
    expect(hubOrigins(bases)).toEqual([A, B, 'https://cur.example']);
    expect(() => hubBases(A, ['ftp://x'])).toThrow();
  });
});

describe('nextWallUrl', () => {
  it('moves the page to the next node, round-robin, with the same route, token, viewport and parameters', () => {
    const onA = built(0);
    expect(onA).toContain(`&hub=${encodeURIComponent(`${A},${B},${C}`)}`);
    const onB = nextWallUrl(onA, bases);
    expect(onB).toBe(built(1));
    expect(onB!.startsWith(`${B}/#/wall/r1c3?token=t%20o%2Fk%26en&vx=3843&vy=0&vw=7684&vh=2161&`)).toBe(true);
    // The page's own node first in `hub=`, then the rest in the same order.
    expect(new URLSearchParams(onB!.split('?')[1]).get('hub')).toBe(`${B},${C},${A}`);
    const onC = nextWallUrl(onB!, bases);
    expect(onC).toBe(built(2));
    expect(onC!.startsWith(`${C}/#/wall/r1c3?`)).toBe(true);
    expect(nextWallUrl(onC!, bases)).toBe(onA);
  });

  it('keeps every other parameter in its place, and moves the touch panel too', () => {
    const touch = buildWallUrl(A, 'touch', 'touch', 'tk', undefined, { pxmm: 3.5 }, [B]);
    const next = nextWallUrl(touch, [A, B]);
    expect(next).toBe(buildWallUrl(B, 'touch', 'touch', 'tk', undefined, { pxmm: 3.5 }, [A]));
    expect(next).toBe(`${B}/#/touch?token=tk&pxmm=3.5&hub=${encodeURIComponent(`${B},${A}`)}`);
    expect(nextWallUrl(`${A}/#/wall/x?hub=${encodeURIComponent(`${A},${B}`)}&token=1&sound=1`, [A, B])).toBe(
      `${B}/#/wall/x?hub=${encodeURIComponent(`${B},${A}`)}&token=1&sound=1`,
    );
  });

  it('leaves the page of a single hub unchanged', () => {
    const only = buildWallUrl(A, 'wall', 'main', 't', VIEWPORT);
    expect(nextWallUrl(only, [A])).toBe(only);
  });

  it('refuses pages of origins that are not in the layout, and the safe screen', () => {
    expect(nextWallUrl('https://evil.example/#/wall/main?token=t', bases)).toBeNull();
    // Same host, another port or scheme: another origin.
    expect(nextWallUrl('https://hub-a.cur.local:8401/#/wall/main?token=t', bases)).toBeNull();
    expect(nextWallUrl('http://hub-a.cur.local:8400/#/wall/main?token=t', bases)).toBeNull();
    // A base that only starts like a node's (`…:84000`), and a path outside the node's base.
    expect(nextWallUrl(`${A}0/#/wall/main`, bases)).toBeNull();
    expect(nextWallUrl('https://cur.example/other/#/wall/main', bases)).toBeNull();
    expect(nextWallUrl('data:text/html;base64,PGgxPg==', bases)).toBeNull();
    expect(wallUrlOnHub(built(0), bases, 3)).toBeNull();
  });

  it('picks the longest base when one node is served under another’s path', () => {
    const nested = ['https://cur.example', 'https://cur.example/wall'];
    expect(hubIndexOf('https://cur.example/wall/#/wall/x', nested)).toBe(1);
    expect(hubIndexOf('https://cur.example/#/wall/x', nested)).toBe(0);
    expect(nextWallUrl('https://cur.example/wall/#/wall/x?token=t', nested)).toBe(
      `https://cur.example/#/wall/x?token=t&hub=${encodeURIComponent('https://cur.example,https://cur.example/wall')}`,
    );
  });
});
