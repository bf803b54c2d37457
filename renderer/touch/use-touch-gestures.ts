/**
 * Wires the gesture state machine (`gestures.ts`) to the panel's root element: pinch-zoom of
 * the map (`[data-zoomable=map]`) and of the lists (`[data-zoomable=list]`), one-finger pan of
 * the zoomed map, swipe right for back. A click that ends a gesture that moved is swallowed.
 */
import { useEffect, type RefObject } from 'react';
import { GestureTracker, zoomView } from './gestures';
import { back, useTouchNav } from './touch-nav';

const MAX_LIST_ZOOM = 2;

export function useTouchGestures(root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const g = new GestureTracker();
    let zoneEl: HTMLElement | null = null;
    const down = (e: PointerEvent) => {
      zoneEl = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-zoomable]') : null;
      const zone = zoneEl?.dataset.zoomable ?? null;
      g.down(e.pointerId, e.clientX, e.clientY, { zone, pans: zone === 'map' && useTouchNav.getState().mapView.scale > 1 });
    };
    const move = (e: PointerEvent) => {
      const a = g.move(e.pointerId, e.clientX, e.clientY);
      if (!a || a.type === 'swipe-back') return;
      if (a.zone === 'map' && zoneEl) {
        const r = zoneEl.getBoundingClientRect();
        useTouchNav.setState((s) => ({
          mapView:
            a.type === 'pinch'
              ? zoomView(s.mapView, { factor: a.factor, cx: a.cx - r.left, cy: a.cy - r.top, dx: a.dx, dy: a.dy })
              : { ...s.mapView, tx: s.mapView.tx + a.dx, ty: s.mapView.ty + a.dy },
        }));
      } else if (a.zone === 'list' && a.type === 'pinch') {
        useTouchNav.setState((s) => ({ listZoom: Math.min(MAX_LIST_ZOOM, Math.max(1, s.listZoom * a.factor)) }));
      }
    };
    const up = (e: PointerEvent) => {
      if (g.up(e.pointerId)?.type === 'swipe-back') back();
    };
    const cancel = (e: PointerEvent) => g.cancel(e.pointerId);
    const click = (e: MouseEvent) => {
      if (!g.moved) return;
      e.preventDefault();
      e.stopPropagation();
    };
    el.addEventListener('pointerdown', down);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', cancel);
    el.addEventListener('click', click, true);
    return () => {
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', cancel);
      el.removeEventListener('click', click, true);
    };
  }, [root]);
}
