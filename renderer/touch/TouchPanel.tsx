import { useEffect, useMemo, useRef, type CSSProperties } from 'react';
import type { Entity } from '../../app/domain/entity';
import { municipalityByOktmo } from '../../app/domain/municipality';
import { useControl } from '../control/control-store';
import { useControlClient } from '../control/use-control-client';
import { useClock, useHubNow } from '../state/clock-store';
import { useHubConfig } from '../state/live-config-store';
import { useDataView } from '../control/use-data-view';
import { ReplayBanner } from '../replay/ReplayBanner';
import { AddressSearch } from './AddressSearch';
import { AlarmPanel } from './AlarmPanel';
import { ConfigWarning } from './ConfigWarning';
import { buildDrill } from './drill-model';
import { FilterDrawer } from './FilterDrawer';
import { ItemCard } from './ItemCard';
import { ItemListScreen } from './ItemListScreen';
import { useIdleReset, useKioskGuard } from './kiosk-guard';
import { MunicipalityScreen } from './MunicipalityScreen';
import { orgLabel } from './org-label';
import { OrgScreen } from './OrgScreen';
import { RatingScreen, RatingsScreen } from './RatingScreens';
import { ratingOf } from './rating-model';
import { RepublicScreen } from './RepublicScreen';
import { ShiftBlock } from './ShiftBlock';
import { screenTitle } from './screen-title';
import { targetPx } from './touch-config';
import { TouchHeader } from './TouchHeader';
import { back, currentScreen, reset, useTouchNav } from './touch-nav';
import { useTouchGestures } from './use-touch-gestures';
import { showOnWallCommand } from './wall-commands';
import { WallPanel } from './WallPanel';
import './touch.css';

const NO_ENTITIES: ReadonlyMap<string, Entity> = new Map();
/** Alarms are re-judged against the clock this often (and on every change of the feed). */
const ALARM_TICK_MS = 5000;

export interface TouchPanelProps {
  hub: string;
  /** A `touch` token: the panel gets the public projection and may command the wall. */
  token: string;
  /** CSS px per mm of the panel (targets are ≥ 15 mm). @default 96 / 25.4 */
  pxPerMm?: number;
}

/**
 * The touch panel next to the wall (issue 7): drill-down republic → municipality →
 * organisation → list → card, filters, «Показать на стене», alarm acknowledgement.
 */
export function TouchPanel({ hub, token, pxPerMm }: TouchPanelProps) {
  const root = useRef<HTMLDivElement>(null);
  const client = useControlClient(hub, token, 'touch');
  const data = useDataView(client, hub, token);
  const connection = useControl((s) => s.connection);
  const error = useControl((s) => s.error);
  const control = useControl((s) => s.control);
  const offset = useClock((s) => s.offsetMs);
  const liveRev = useControl((s) => s.dataRev);
  const hubNow = useHubNow(1000);
  const filter = useTouchNav((s) => s.filter);
  const stack = useTouchNav((s) => s.stack);
  const screen = useTouchNav(currentScreen);
  const filtersOpen = useTouchNav((s) => s.filtersOpen);
  // The hub's sectors, topics and organisations (issue 12): a new version renames what is drawn.
  const configVersions = useHubConfig((s) => s.versions);
  useKioskGuard(back);
  useIdleReset(reset);
  useTouchGestures(root);

  // «Стена следует за выбором»: each municipality, list or item opened goes to the wall.
  const follow = useTouchNav((s) => s.follow);
  const entitiesRef = useRef(data.entities);
  entitiesRef.current = data.entities;
  useEffect(() => {
    if (!follow || screen.kind === 'republic') return;
    const { durationS, withScene } = useTouchNav.getState();
    const cmd = showOnWallCommand(screen, (k) => entitiesRef.current.get(k), { durationS, withScene });
    if (cmd) void client?.send(cmd);
  }, [follow, screen, client]);

  const drill = useMemo(() => buildDrill(data.entities.values(), data.now, filter), [data.entities, data.rev, data.now, filter, configVersions]);
  const entity = (key: string): Entity | undefined => data.entities.get(key);
  // The ratings read every appeal: computed only on the rating screens, and once per change of data.
  const ratingLevel = screen.kind === 'ratings' || screen.kind === 'rating' ? screen.level : null;
  // Judged at the minute (as the wall's ratings refresh): a rating reads every appeal, too heavy for every clock tick.
  const ratingAt = Math.floor(data.now / 60_000) * 60_000;
  const ratingTable = useMemo(
    () => (ratingLevel ? ratingOf(data.entities.values(), ratingAt, ratingLevel) : null),
    [ratingLevel, data.entities, data.rev, ratingAt],
  );
  const trail = stack.slice(0, -1).map((s) => screenTitle(s, entity));
  const mun = 'oktmo' in screen ? drill.byOktmo.get(screen.oktmo) : undefined;
  const org = 'org' in screen ? mun?.orgs.get(screen.org) : undefined;

  let body;
  switch (screen.kind) {
    case 'republic':
      body = <RepublicScreen drill={drill} />;
      break;
    case 'municipality':
      body = mun ? (
        <MunicipalityScreen node={mun} />
      ) : (
        <p className="empty">Нет такого округа: {municipalityByOktmo(screen.oktmo)?.shortName ?? screen.oktmo}</p>
      );
      break;
    case 'org':
      body = org ? <OrgScreen oktmo={screen.oktmo} org={org} /> : <p className="empty">По выбранным фильтрам у «{orgLabel(screen.org)}» ничего нет.</p>;
      break;
    case 'items':
      body = org ? <ItemListScreen org={org} list={screen.list} now={data.now} /> : <p className="empty">Список пуст.</p>;
      break;
    case 'item':
      body = <ItemCard entity={entity(screen.key)} now={data.now} lookup={entity} />;
      break;
    case 'ratings':
      body = ratingTable && <RatingsScreen level={screen.level} result={ratingTable} />;
      break;
    case 'rating':
      body = <RatingScreen level={screen.level} row={ratingTable?.rows.find((r) => r.key === screen.key)} entity={entity} />;
      break;
  }

  const style = { '--target': `${targetPx(pxPerMm)}px` } as CSSProperties;
  return (
    <div
      ref={root}
      className="touch"
      style={style}
      data-touch-panel
      data-screen={screen.kind}
      data-data-mode={data.mode}
      data-entities={data.entities.size}
      data-data-at={data.now}
    >
      <TouchHeader title={screenTitle(screen, entity)} trail={trail} connection={connection} error={error} />
      <ReplayBanner control={control} serverOffsetMs={offset} error={data.replay?.error ?? null} />
      <ConfigWarning className="touch-config-warning" />
      <div className="touch-body">
        <main className="touch-main">{body}</main>
        <aside className="touch-side">
          <WallPanel client={client} entity={entity} hubNow={hubNow} />
          <AddressSearch hub={hub} token={token} client={client} />
          <AlarmPanel client={client} entities={client?.entities ?? NO_ENTITIES} rev={liveRev} hubNow={Math.floor(hubNow / ALARM_TICK_MS) * ALARM_TICK_MS} />
          <ShiftBlock hub={hub} token={token} entity={screen.kind === 'item' ? (entity(screen.key) ?? null) : null} />
        </aside>
      </div>
      {filtersOpen ? <FilterDrawer /> : null}
    </div>
  );
}
