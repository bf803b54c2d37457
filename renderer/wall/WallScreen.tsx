import { useEffect, useRef } from 'react';
import { startFeed } from '../feed/feed-client';
import { createWallMap, type WallMap } from '../map/wall-map';
import { useUi } from '../state/ui-store';
import { Legend } from './Legend';
import { Ticker } from './Ticker';
import { WallHeader } from './WallHeader';

declare global {
  interface Window {
    /** Diagnostics handle for monitoring and tests. */
    __curWall?: { map: WallMap['map'] };
  }
}

export interface WallScreenProps {
  screenId: string;
  hub: string;
  token: string;
}

/** The wall route: header + one long-lived map with live points + ticker. */
export function WallScreen({ screenId, hub, token }: WallScreenProps) {
  const mapEl = useRef<HTMLDivElement>(null);
  const attribution = useUi((s) => s.attribution);

  useEffect(() => {
    document.documentElement.dataset.screen = screenId;
  }, [screenId]);

  useEffect(() => {
    if (!mapEl.current || !attribution) return;
    const wallMap = createWallMap(mapEl.current, attribution);
    window.__curWall = { map: wallMap.map };
    wallMap.ready.then(() => (document.documentElement.dataset.map = 'ready'));
    const stop = startFeed({ hub, token, role: 'wall', onPoints: (a, b) => wallMap.setPoints(a, b) });
    return () => {
      stop();
      wallMap.destroy();
    };
  }, [hub, token, attribution]);

  return (
    <div className="wall">
      <WallHeader />
      <main className="wall-body">
        <div ref={mapEl} className="wall-map" />
        <Ticker />
        <Legend />
      </main>
    </div>
  );
}
