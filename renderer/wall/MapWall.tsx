import type { RefObject } from 'react';
import { AlarmTakeover } from '../alarms/AlarmTakeover';
import { activeAlarm, otherAlarms } from '../alarms/active-alarm';
import { Clock } from '../panels/Clock';
import { FeedLostBanner } from '../panels/FeedLostBanner';
import { KpiHeader } from '../panels/KpiHeader';
import { TickerStrip } from '../panels/TickerStrip';
import { useUi } from '../state/ui-store';
import { FeedStatus } from './FeedStatus';
import { Legend } from './Legend';
import { WallReplayBanner } from './WallReplayBanner';

export interface MapWallProps {
  mapEl: RefObject<HTMLDivElement | null>;
  everywhere: boolean;
}

/**
 * A map screen (`&shows=map`, or a window showing part of a spanning map): the KPI header,
 * the map, its legend and the ticker strip below it, no scene rotation; all on the wall's
 * type scale (the legend a wrapping strip, the ticker the scene wall's). Its alarm and
 * feed-lost banners live in the header, so the map itself keeps its size and camera.
 */
export function MapWall({ mapEl, everywhere }: MapWallProps) {
  const alarm = useUi(activeAlarm);
  const others = useUi(otherAlarms);
  const kpi = useUi((s) => s.panels?.kpi ?? null);
  const ticker = useUi((s) => s.panels?.ticker ?? null);
  const blackout = useUi((s) => s.control?.blackout ?? false);
  return (
    <div className="wall map-only">
      <KpiHeader
        kpi={kpi}
        below={
          <>
            <WallReplayBanner />
            {alarm && <AlarmTakeover alarm={alarm} others={others} everywhere={everywhere} />}
            <FeedLostBanner />
          </>
        }
      >
        <FeedStatus />
        <Clock />
      </KpiHeader>
      <main className="wall-body">
        <div ref={mapEl} className="wall-map" />
      </main>
      <Legend />
      <TickerStrip state={ticker} />
      {blackout && <div className="blackout" aria-label="Экран затемнён" />}
    </div>
  );
}
