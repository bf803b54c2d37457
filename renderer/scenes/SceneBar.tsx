import type { ResolvedScene } from '../../app/scenes/resolve-scene';
import { sceneTitle } from '../../app/scenes/scene';
import { formatMskClock } from '../../app/ui/format-ru';
import { useClock } from '../state/clock-store';
import { FeedStatus } from '../wall/FeedStatus';
import { useLiveConfig } from './live-config-store';
import { MapKey } from './MapKey';

const KIND = { sector: 'Сфера', municipality: 'Муниципалитет' } as const;

/** The scene's title in Russian, where it comes from, how long it stays, and the feed status. */
export function SceneBar({ resolved, warning = null }: { resolved: ResolvedScene; warning?: string | null }) {
  const now = useClock((s) => s.now);
  const { scene, source, playlist } = resolved;
  const sectors = useLiveConfig((s) => s.sectors);
  const title = sceneTitle(scene, sectors);
  const kind = scene.id === 'sector' || scene.id === 'municipality' ? KIND[scene.id] : null;
  const span = playlist.endsAt - playlist.startedAt;
  const done = source === 'playlist' && span > 0 ? Math.min(1, Math.max(0, (now - playlist.startedAt) / span)) : null;
  return (
    <div className="scene-bar" data-scene-source={source}>
      <h1 className="scene-title">
        {kind && <span className="scene-kind">{kind}: </span>}
        {title}
      </h1>
      {source === 'command' && resolved.endsAt !== null && (
        <span className="scene-source" title={`до ${formatMskClock(resolved.endsAt)}`}>
          ◉ по команде
        </span>
      )}
      {warning && (
        <span className="feed-warning" data-playlist-problem>
          ⚠ {warning}
        </span>
      )}
      <MapKey />
      <FeedStatus compact />
      {done !== null && <div className="scene-progress" style={{ width: `${(done * 100).toFixed(1)}%` }} aria-hidden />}
    </div>
  );
}
