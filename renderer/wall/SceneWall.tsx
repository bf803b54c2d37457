import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { sceneKey } from '../../app/scenes/scene';
import { sceneAt } from '../../app/scenes/scene-at';
import { AlarmTakeover } from '../alarms/AlarmTakeover';
import { activeAlarm, otherAlarms } from '../alarms/active-alarm';
import type { FeedHandle } from '../feed/feed-client';
import type { WallMap } from '../map/wall-map';
import { Clock } from '../panels/Clock';
import { FeedLostBanner } from '../panels/FeedLostBanner';
import { KpiHeader } from '../panels/KpiHeader';
import { TickerStrip } from '../panels/TickerStrip';
import { SceneBar } from '../scenes/SceneBar';
import { SceneColumn } from '../scenes/SceneColumn';
import { cameraTarget, focusKey, focusOktmo, mapFilter, panelFocus, sceneMetric, targetKey } from '../scenes/scene-view';
import { useLivePlaylist } from '../scenes/use-live-playlist';
import { useResolvedScene } from '../scenes/use-resolved-scene';
import { useSceneCamera } from '../scenes/use-scene-camera';
import { useWholeRows } from '../scenes/whole-rows';
import { hubNow } from '../state/clock-store';
import { useUi } from '../state/ui-store';
import type { WallConfig } from './wall-config';
import { WallReplayBanner } from './WallReplayBanner';

export interface SceneWallProps {
  config: WallConfig;
  mapEl: RefObject<HTMLDivElement | null>;
  map: WallMap | null;
  feed: FeedHandle | null;
  /** Hub time is fixed (`&now=`): the camera jumps instead of flying. */
  frozen: boolean;
  /** A control link exists: a key acknowledges on every screen. */
  everywhere: boolean;
}

/** A flight whose scene started this recently (hub ms) starts at the scheduled instant. */
const IN_STEP_MS = 3000;

/**
 * The duty-shift wall (issue 5): KPI header, the scene's title (or the alarm that took the
 * wall over), the one long-lived map with the scene's panels beside it, and the ticker. While
 * the data are a replay or a frozen moment, the «ПОВТОР» banner sits under the figures.
 */
export function SceneWall({ config, mapEl, map, feed, frozen, everywhere }: SceneWallProps) {
  const alarm = useUi(activeAlarm);
  const others = useUi(otherAlarms);
  const panels = useUi((s) => s.panels);
  const focusPanels = useUi((s) => s.focus);
  const focus = useUi((s) => s.control?.focus);
  const blackout = useUi((s) => s.control?.blackout ?? false);
  const offset = useUi((s) => s.feed.serverOffsetMs);
  const live = useLivePlaylist(config.playlistName, config.playlist);
  const resolved = useResolvedScene(live.playlist, alarm);
  const { scene } = resolved;
  const key = sceneKey(scene);
  const now = hubNow();

  useLayoutEffect(() => {
    document.documentElement.dataset.scene = key;
    document.documentElement.dataset.sceneSource = resolved.source;
  }, [key, resolved.source]);

  // The worker computes the focused panels of this scene and of the next one (so a switch
  // finds them ready).
  const next = sceneAt(live.playlist, resolved.playlist.endsAt).scene;
  const foci = [panelFocus(scene), panelFocus(next)].filter(
    (f, i, all): f is NonNullable<typeof f> => f !== null && all.findIndex((g) => focusKey(g) === focusKey(f)) === i,
  );
  const fociKey = foci.map(focusKey).join('|');
  useEffect(() => feed?.setFocus(foci), [feed, fociKey]);

  const target = cameraTarget(scene, focus, now);
  const tKey = targetKey(target);
  const column = useRef<HTMLElement>(null);
  useWholeRows(column);
  const startAt = useRef(Date.now());
  const lastKey = useRef('');
  if (lastKey.current !== tKey) {
    lastKey.current = tKey;
    // A playlist switch starts at its scheduled instant on every window; anything else now.
    const fromSchedule = resolved.source === 'playlist' && now - resolved.playlist.startedAt < IN_STEP_MS;
    startAt.current = fromSchedule ? resolved.playlist.startedAt - offset : Date.now();
  }
  useSceneCamera(map, target, sceneMetric(scene), { startAt: startAt.current, instant: frozen, filter: mapFilter(scene) });
  useEffect(() => {
    document.documentElement.dataset.focus = focusOktmo(target);
  }, [tKey]);

  return (
    <div className="wall scenes" data-layout={scene.id === 'ratings' || scene.id === 'sla' ? 'wide' : 'normal'} data-alarm={alarm ? 'on' : undefined}>
      <KpiHeader kpi={panels?.kpi ?? null} below={<WallReplayBanner />}>
        <Clock />
      </KpiHeader>
      {alarm ? <AlarmTakeover alarm={alarm} others={others} everywhere={everywhere} /> : <SceneBar resolved={resolved} warning={live.problem} />}
      <main className="wall-body">
        <div className="map-area">
          <div ref={mapEl} className="wall-map" />
        </div>
        <aside ref={column} className="scene-column" aria-label="Панели сцены">
          <SceneColumn scene={scene} panels={panels} focus={focusPanels} compact={alarm !== null} />
        </aside>
        <FeedLostBanner />
      </main>
      <TickerStrip state={panels?.ticker ?? null} />
      {blackout && <div className="blackout" aria-label="Экран затемнён" />}
    </div>
  );
}
