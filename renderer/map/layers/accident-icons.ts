/**
 * The resource icons of ЖКХ accidents, drawn once into a canvas atlas at start (no file to
 * fetch, no request): white glyphs that deck.gl's IconLayer tints (`mask`). One 64×64 cell per
 * resource, in the order of ACCIDENT_RESOURCES, so the worker's `icons` index selects them.
 */
import { ACCIDENT_RESOURCES, type AccidentResource } from '../../../app/domain/entity';

const CELL = 64;

type Draw = (c: CanvasRenderingContext2D) => void;

function drop(c: CanvasRenderingContext2D): void {
  c.beginPath();
  c.moveTo(32, 6);
  c.bezierCurveTo(40, 20, 50, 30, 50, 40);
  c.arc(32, 40, 18, 0, Math.PI, false);
  c.bezierCurveTo(14, 30, 24, 20, 32, 6);
  c.fill();
}

/** A flame standing on (x, bottom), `k` times the full 56-px height. */
function flame(c: CanvasRenderingContext2D, x: number, bottom: number, k: number): void {
  const p = (dx: number, dy: number): [number, number] => [x + dx * k, bottom - dy * k];
  c.beginPath();
  c.moveTo(...p(0, 0));
  c.bezierCurveTo(...p(-16, 0), ...p(-20, 14), ...p(-16, 26));
  c.bezierCurveTo(...p(-13, 34), ...p(-6, 38), ...p(-4, 48));
  c.bezierCurveTo(...p(2, 44), ...p(4, 40), ...p(3, 34));
  c.bezierCurveTo(...p(8, 38), ...p(12, 46), ...p(10, 56));
  c.bezierCurveTo(...p(20, 44), ...p(20, 30), ...p(18, 20));
  c.bezierCurveTo(...p(20, 10), ...p(12, 0), ...p(0, 0));
  c.fill();
}

function poly(c: CanvasRenderingContext2D, pts: readonly number[]): void {
  c.beginPath();
  c.moveTo(pts[0]!, pts[1]!);
  for (let i = 2; i < pts.length; i += 2) c.lineTo(pts[i]!, pts[i + 1]!);
  c.closePath();
  c.fill();
}

const DRAW: Record<AccidentResource, Draw> = {
  // Radiator: four fins on a base.
  heat: (c) => {
    for (const x of [10, 21, 32, 43]) {
      c.beginPath();
      c.roundRect(x, 12, 9, 40, 4);
      c.fill();
    }
    c.fillRect(8, 40, 48, 7);
  },
  // Drop with a wave cut out (hot water).
  hot_water: (c) => {
    drop(c);
    c.globalCompositeOperation = 'destination-out';
    c.lineWidth = 5;
    c.beginPath();
    c.moveTo(18, 42);
    c.bezierCurveTo(24, 34, 28, 50, 33, 42);
    c.bezierCurveTo(38, 34, 42, 50, 47, 42);
    c.stroke();
    c.globalCompositeOperation = 'source-over';
  },
  cold_water: drop,
  // Pipe elbow with a drip.
  sewerage: (c) => {
    c.fillRect(6, 14, 34, 12);
    c.fillRect(28, 14, 12, 30);
    c.fillRect(24, 10, 4, 20);
    c.beginPath();
    c.arc(34, 54, 5, 0, Math.PI * 2);
    c.fill();
  },
  electricity: (c) => poly(c, [38, 4, 14, 36, 29, 36, 24, 60, 50, 26, 35, 26, 42, 4]),
  // Flame with a hollow core, so it never reads as a water drop.
  gas: (c) => {
    flame(c, 32, 60, 1);
    c.globalCompositeOperation = 'destination-out';
    flame(c, 32, 56, 0.45);
    c.globalCompositeOperation = 'source-over';
  },
  housing: (c) => {
    poly(c, [32, 6, 4, 32, 60, 32]);
    c.fillRect(12, 30, 40, 28);
    c.globalCompositeOperation = 'destination-out';
    c.fillRect(27, 40, 10, 18);
    c.globalCompositeOperation = 'source-over';
  },
};

export interface IconAtlas {
  atlas: HTMLCanvasElement;
  mapping: Record<string, { x: number; y: number; width: number; height: number; mask: boolean }>;
}

let cached: IconAtlas | null = null;

/** The atlas (drawn on first use). */
export function accidentIconAtlas(): IconAtlas {
  if (cached) return cached;
  const atlas = document.createElement('canvas');
  atlas.width = CELL * ACCIDENT_RESOURCES.length;
  atlas.height = CELL;
  const c = atlas.getContext('2d')!;
  c.fillStyle = '#fff';
  c.strokeStyle = '#fff';
  const mapping: IconAtlas['mapping'] = {};
  ACCIDENT_RESOURCES.forEach((r, i) => {
    c.save();
    c.translate(i * CELL, 0);
    DRAW[r](c);
    c.restore();
    mapping[r] = { x: i * CELL, y: 0, width: CELL, height: CELL, mask: true };
  });
  cached = { atlas, mapping };
  return cached;
}
