/**
 * The window camera's fits against its canvas's size, on a stand-in for maplibre's map (the
 * camera only reads its container's size and jumps it): a resize fits the republic again, and
 * one during a flight to a fit ends in the fit for the new size, not the old one.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REPUBLIC_BOUNDS } from '../../app/domain/municipality';
import { fitBounds, type Camera } from './camera';
import { WallCamera } from './wall-camera';

/** The container's size and the last camera jumped to. */
function fakeMap(width: number, height: number) {
  const container = { clientWidth: width, clientHeight: height };
  const state = { camera: null as Camera | null };
  const map = {
    getContainer: () => container,
    jumpTo: (o: { center: [number, number]; zoom: number }) => void (state.camera = { center: o.center, zoom: o.zoom }),
    setFeatureState: () => undefined,
  } as unknown as MaplibreMap;
  const resize = (w: number, h: number) => Object.assign(container, { clientWidth: w, clientHeight: h });
  return { map, state, resize };
}

const republicFit = (w: number, h: number) => fitBounds(REPUBLIC_BOUNDS, w, h, 24);

/** Resizes the map's container and lets the camera follow (as wall-map.ts does on `resize`). */
function resized(m: ReturnType<typeof fakeMap>, cam: WallCamera, w: number, h: number): Camera | null {
  m.resize(w, h);
  cam.apply();
  return m.state.camera;
}

/** The same camera up to float rounding (the window's camera goes through pixels and back). */
function expectCamera(got: Camera | null, want: Camera): void {
  expect(got).not.toBeNull();
  expect(got!.zoom).toBeCloseTo(want.zoom, 9);
  expect(got!.center[0]).toBeCloseTo(want.center[0], 9);
  expect(got!.center[1]).toBeCloseTo(want.center[1], 9);
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('requestAnimationFrame', (cb: () => void) => setTimeout(cb, 16));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('WallCamera', () => {
  it('fits the republic at start and again after a resize', () => {
    const m = fakeMap(960, 968);
    const cam = new WallCamera(m.map, null, () => null);
    cam.apply();
    expectCamera(m.state.camera, republicFit(960, 968));
    expectCamera(resized(m, cam, 960, 775), republicFit(960, 775));
  });

  it('a resize during a flight back to the republic ends in the fit for the new size, and later resizes fit again', async () => {
    const m = fakeMap(960, 968);
    const cam = new WallCamera(m.map, null, () => null);
    await cam.flyTo({ center: [47.25, 56.13], zoom: 11 }, { durationMs: 0 });
    expect(m.state.camera!.zoom).toBeCloseTo(11, 9);
    const back = cam.fitRepublic({ durationMs: 1000 });
    await vi.advanceTimersByTimeAsync(400);
    // The wall's font arrives mid-flight: the map's size changes.
    resized(m, cam, 960, 775);
    await vi.advanceTimersByTimeAsync(1000);
    await back;
    expectCamera(m.state.camera, republicFit(960, 775));
    expectCamera(resized(m, cam, 1920, 1080), republicFit(1920, 1080));
  });

  it('after a flight to a point a resize keeps the point (nothing to fit)', async () => {
    const m = fakeMap(960, 775);
    const cam = new WallCamera(m.map, null, () => null);
    await cam.flyTo({ center: [47.25, 56.13], zoom: 12 }, { durationMs: 0 });
    expectCamera(resized(m, cam, 1920, 1080), { center: [47.25, 56.13], zoom: 12 });
  });
});
