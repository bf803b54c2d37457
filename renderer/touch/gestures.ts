/**
 * Touch gestures of the panel as a small state machine over pointer events (pure, tested
 * without a browser): two fingers pinch-zoom the zone they started on (map or list); one
 * finger pans a zone that pans (the zoomed map); a horizontal swipe to the right anywhere
 * else is «back». A gesture that moved is never also a tap (see `moved`).
 */

/** What a pointer move or lift asks for. */
export type GestureAction =
  /** Zoom by `factor` about (cx, cy) and move by (dx, dy), relative to the previous move. */
  | { type: 'pinch'; zone: string; factor: number; cx: number; cy: number; dx: number; dy: number }
  | { type: 'pan'; zone: string; dx: number; dy: number }
  | { type: 'swipe-back' };

/** A swipe needs this much horizontal travel (CSS px)… */
export const SWIPE_MIN_PX = 100;
/** …and no more vertical travel than this share of it. */
export const SWIPE_MAX_SLOPE = 0.5;
/** A pointer that moved less than this is still a tap. */
export const TAP_SLOP_PX = 10;

interface Pointer {
  x0: number;
  y0: number;
  x: number;
  y: number;
}

export class GestureTracker {
  private readonly pointers = new Map<number, Pointer>();
  private zone: string | null = null;
  private pans = false;
  private pinched = false;
  private panned = false;
  /** True once any pointer of the current gesture moved beyond the tap slop. */
  moved = false;

  /** A finger (or the mouse) went down on `zone` (null: outside every zoomable zone). */
  down(id: number, x: number, y: number, at: { zone: string | null; pans: boolean }): void {
    if (this.pointers.size === 0) {
      this.zone = at.zone;
      this.pans = at.pans;
      this.pinched = false;
      this.panned = false;
      this.moved = false;
    }
    this.pointers.set(id, { x0: x, y0: y, x, y });
    if (this.pointers.size >= 2) this.pinched = true;
  }

  move(id: number, x: number, y: number): GestureAction | null {
    const p = this.pointers.get(id);
    if (!p) return null;
    const before = this.pair();
    const px = p.x;
    const py = p.y;
    p.x = x;
    p.y = y;
    if (Math.hypot(x - p.x0, y - p.y0) > TAP_SLOP_PX) this.moved = true;
    if (this.pointers.size >= 2 && before && this.zone) {
      const after = this.pair()!;
      if (before.d === 0) return null;
      return { type: 'pinch', zone: this.zone, factor: after.d / before.d, cx: after.cx, cy: after.cy, dx: after.cx - before.cx, dy: after.cy - before.cy };
    }
    if (this.pointers.size === 1 && this.pans && this.zone && this.moved && !this.pinched) {
      this.panned = true;
      return { type: 'pan', zone: this.zone, dx: x - px, dy: y - py };
    }
    return null;
  }

  up(id: number): GestureAction | null {
    const p = this.pointers.get(id);
    if (!p) return null;
    this.pointers.delete(id);
    if (this.pointers.size > 0 || this.pinched || this.panned) return null;
    const dx = p.x - p.x0;
    const dy = p.y - p.y0;
    return dx >= SWIPE_MIN_PX && Math.abs(dy) <= dx * SWIPE_MAX_SLOPE ? { type: 'swipe-back' } : null;
  }

  /** The browser took the pointer (scrolling): forget it, no action. */
  cancel(id: number): void {
    this.pointers.delete(id);
    this.pinched ||= this.pointers.size > 0;
  }

  private pair(): { d: number; cx: number; cy: number } | null {
    if (this.pointers.size < 2) return null;
    const [a, b] = [...this.pointers.values()] as [Pointer, Pointer];
    return { d: Math.hypot(a.x - b.x, a.y - b.y), cx: (a.x + b.x) / 2, cy: (a.y + b.y) / 2 };
  }
}

/** A view zoomed by `factor` about (cx, cy) and moved by (dx, dy), its scale kept in [min, max]. */
export function zoomView(
  v: { scale: number; tx: number; ty: number },
  a: { factor: number; cx: number; cy: number; dx?: number; dy?: number },
  min = 1,
  max = 8,
) {
  const scale = Math.min(max, Math.max(min, v.scale * a.factor));
  const k = scale / v.scale;
  // The point under the fingers stays under the fingers: c = t + s·p  ⇒  t' = c − (c − t)·k.
  return { scale, tx: a.cx - (a.cx - v.tx) * k + (a.dx ?? 0), ty: a.cy - (a.cy - v.ty) * k + (a.dy ?? 0) };
}
