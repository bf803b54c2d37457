import { describe, expect, it } from 'vitest';
import { parseMapParams } from './map-params';

describe('parseMapParams', () => {
  it('reads the virtual viewport and camera after the hash', () => {
    const p = parseMapParams('http://127.0.0.1:8400/#/wall/left?token=x&vx=1920&vy=0&vw=3840&vh=1080&lon=47.2&lat=55.5&z=8.5');
    expect(p.virtual).toEqual({ canvasWidth: 3840, canvasHeight: 1080, offsetX: 1920, offsetY: 0, camera: { center: [47.2, 55.5], zoom: 8.5 } });
  });

  it('leaves the camera to the fit when it is incomplete, and ignores a partial viewport', () => {
    expect(parseMapParams('http://h/?vx=0&vy=0&vw=100&vh=100&lon=47#/wall/main').virtual).toEqual({
      canvasWidth: 100,
      canvasHeight: 100,
      offsetX: 0,
      offsetY: 0,
    });
    expect(parseMapParams('http://h/#/wall/main?vx=0&vw=100').virtual).toBeNull();
    expect(parseMapParams('http://h/#/wall/main?vx=0&vy=0&vw=0&vh=100').virtual).toBeNull();
  });

  it('reads metric, municipal set and a fixed now, with safe defaults', () => {
    expect(parseMapParams('http://h/#/wall/main?metric=overdue&mset=2023&now=1764000000000')).toMatchObject({
      metric: 'overdue',
      municipalitySet: '2023',
      fixedNow: 1764000000000,
    });
    expect(parseMapParams('http://h/#/wall/main?metric=bogus&mset=1999&now=abc')).toMatchObject({
      metric: 'off',
      municipalitySet: '2025',
      fixedNow: null,
      virtual: null,
    });
    expect(parseMapParams('http://h/#/wall/main?metric=rating').metric).toBe('rating');
  });

  it('reads a sector filter (a map screen of one sector), ignoring a malformed one', () => {
    expect(parseMapParams('http://h/#/wall/main?sector=housing').filter).toEqual({ sector: 'housing' });
    expect(parseMapParams('http://h/#/wall/main').filter).toBeNull();
    expect(parseMapParams('http://h/#/wall/main?sector=ЖКХ%20!').filter).toBeNull();
  });

  it('reads the canvas multisampling: auto by default, on or off when asked', () => {
    expect(parseMapParams('http://h/#/wall/main').antialias).toBe('auto');
    expect(parseMapParams('http://h/#/wall/main?aa=on').antialias).toBe('on');
    expect(parseMapParams('http://h/#/wall/main?aa=off').antialias).toBe('off');
    expect(parseMapParams('http://h/#/wall/main?aa=yes').antialias).toBe('auto');
  });
});
