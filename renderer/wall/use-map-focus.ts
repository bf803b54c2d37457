/**
 * A map screen has no scenes, but it follows the touch panel's and the curator's
 * `focus:set`: it flies to the municipality or point while the focus lasts and back to the
 * whole republic after. It never moves otherwise (a spanning map keeps its camera).
 */
import { useEffect, useRef } from 'react';
import type { WallMap } from '../map/wall-map';
import { cameraTarget, focusOktmo, targetKey } from '../scenes/scene-view';
import { hubNow, useClock } from '../state/clock-store';
import { useUi } from '../state/ui-store';

export function useMapFocus(map: WallMap | null): void {
  useClock((s) => s.now);
  const focus = useUi((s) => s.control?.focus);
  const target = cameraTarget(null, focus, hubNow());
  const key = targetKey(target);
  const flown = useRef(false);
  useEffect(() => {
    if (!map) return;
    document.documentElement.dataset.focus = focusOktmo(target);
    if (target.kind === 'republic' && !flown.current) return;
    flown.current = target.kind !== 'republic';
    void map.ready.then(() => {
      const done =
        target.kind === 'oktmo'
          ? map.flyTo({ oktmo: target.oktmo })
          : target.kind === 'point'
            ? map.flyTo({ center: target.center, zoom: target.zoom ?? 11 })
            : map.fitRepublic();
      return done.catch((err: unknown) => console.warn('map focus:', err));
    });
  }, [map, key]);
}
