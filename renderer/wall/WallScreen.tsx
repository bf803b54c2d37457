import { useEffect, useMemo, useRef, useState } from 'react';
import { scoresByOktmo } from '../../app/ratings/rating-oktmo';
import { activeAlarm } from '../alarms/active-alarm';
import { openControlLink, type ControlLink } from '../alarms/control-link';
import { useAlarmEffects } from '../alarms/use-alarm-effects';
import { startFeed, type FeedHandle } from '../feed/feed-client';
import { configurePulseClock } from '../map/layers/pulse-clock';
import { parseMapParams } from '../map/map-params';
import { createWallMap, type WallMap } from '../map/wall-map';
import type { MapFrame } from '../worker/frame';
import { startClock } from '../state/clock-store';
import { useUi } from '../state/ui-store';
import { useFeedStateAttr } from './FeedStatus';
import { MapWall } from './MapWall';
import { SceneWall } from './SceneWall';
import { WallReplayBanner } from './WallReplayBanner';
import { applyTypeScale, wallTypeScale } from './type-scale';
import { useDaypartPalette } from './use-palette';
import './wall.css';
import { useMapFocus } from './use-map-focus';
import { parseWallConfig } from './wall-config';

declare global {
  interface Window {
    /** Diagnostics handle for monitoring and tests. */
    __curWall?: { map: WallMap['map'] };
    /** The wall map's API (flyTo, virtual viewport, restores) for the multi-monitor driver and tests. */
    __curMap?: WallMap;
  }
}

/** Pulse clock seconds shown when time is frozen (`&now=`). */
const FROZEN_PULSE_S = 1;

export interface WallScreenProps {
  screenId: string;
  hub: string;
  token: string;
}

/**
 * The wall route: one long-lived map (never remounted) and the feed worker, shown as the
 * duty-shift scene wall or, for a map screen, the map alone (renderer/README.md).
 */
export function WallScreen({ screenId, hub, token }: WallScreenProps) {
  const mapEl = useRef<HTMLDivElement>(null);
  const attribution = useUi((s) => s.attribution);
  const config = useMemo(() => parseWallConfig(location.href), []);
  const params = useMemo(() => parseMapParams(location.href), []);
  const [map, setMap] = useState<WallMap | null>(null);
  const [feed, setFeed] = useState<FeedHandle | null>(null);
  const [link, setLink] = useState<ControlLink | null>(null);

  useEffect(() => {
    const root = document.documentElement;
    root.dataset.screen = screenId;
    root.dataset.shows = config.shows;
    root.dataset.playlist = config.playlistName;
    applyTypeScale(root, wallTypeScale(config.viewingDistanceM, config.pixelPitchMm));
    return startClock(params.fixedNow);
  }, [screenId, config, params]);

  useEffect(() => {
    if (!config.controlToken) return;
    const l = openControlLink(hub, config.controlToken);
    setLink(l);
    return () => l.close();
  }, [hub, config]);

  useEffect(() => {
    if (!mapEl.current || !attribution) return;
    // Map options ride on the URL (renderer/README.md): virtual viewport, metric, fixed `now`.
    const origin = params.fixedNow ?? Date.now();
    // A fixed `now` freezes animations at a mid-pulse phase, so render tests see one picture.
    configurePulseClock(origin, params.fixedNow !== null ? FROZEN_PULSE_S : null);
    performance.mark('cur:map-create');
    const wallMap = createWallMap(mapEl.current, { attribution, params });
    window.__curWall = { map: wallMap.map };
    window.__curMap = wallMap;
    wallMap.ready.then(() => {
      performance.mark('cur:map-ready');
      document.documentElement.dataset.map = 'ready';
    });
    const clock = params.fixedNow !== null ? { origin, fixedNow: params.fixedNow } : { origin };
    let firstFrame = true;
    const onMap = (f: MapFrame): ArrayBuffer[] => {
      if (firstFrame) performance.mark('cur:first-map-frame');
      firstFrame = false;
      return wallMap.applyFrame(f);
    };
    performance.mark('cur:feed-start');
    const handle = startFeed({ hub, token, role: 'wall', clock, municipalitySet: params.municipalitySet, onMap });
    setMap(wallMap);
    setFeed(handle);
    return () => {
      handle.stop();
      wallMap.destroy();
    };
  }, [hub, token, attribution, params]);

  useDaypartPalette(config.playlist, config.palette);
  const alarm = useUi(activeAlarm);
  useAlarmEffects(alarm, { sound: config.sound, link });
  useMapFocus(config.shows === 'map' ? map : null);
  useFeedStateAttr();
  // The rating choropleth: the worker's ratings table, recomputed at most every refreshS.
  const ratings = useUi((s) => s.panels?.ratings ?? null);
  useEffect(() => {
    if (map && ratings) map.setRatings(scoresByOktmo(ratings.scores, ratings.subject, params.municipalitySet));
  }, [map, ratings?.computedAt, ratings?.shape]);
  const panelsMs = useUi((s) => s.panelsMs);
  useEffect(() => {
    document.documentElement.dataset.panelsMs = String(panelsMs);
  }, [panelsMs]);

  // A window that shows part of a map spanning several screens (vx/vy/vw/vh): the map only,
  // so the picture continues across the seams; the attribution stays on the last screen.
  // Every such screen still carries the «ПОВТОР» banner: it must not pass for live data.
  if (params.virtual) {
    const v = params.virtual;
    const last = v.offsetX + window.innerWidth >= v.canvasWidth - 1 && v.offsetY + window.innerHeight >= v.canvasHeight - 1;
    return (
      <div className={`wall-region${last ? ' region-last' : ''}`}>
        <div ref={mapEl} className="wall-map" />
        <WallReplayBanner />
      </div>
    );
  }
  return config.shows === 'map' ? (
    <MapWall mapEl={mapEl} everywhere={link !== null} />
  ) : (
    <SceneWall config={config} mapEl={mapEl} map={map} feed={feed} frozen={params.fixedNow !== null} everywhere={link !== null} />
  );
}
