import type { Entity } from '../../app/domain/entity';
import { overrideActive } from '../../app/protocol/control';
import { sceneTitle } from '../../app/scenes/scene';
import { formatMskClock } from '../../app/ui/format-ru';
import type { ControlClient } from '../control/control-client';
import { useControl } from '../control/control-store';
import { useHubConfig } from '../state/live-config-store';
import { currentScreen, useTouchNav } from './touch-nav';
import { RETURN_WALL, showOnWallCommand } from './wall-commands';

const DURATIONS: [number, string][] = [
  [120, '2 мин'],
  [300, '5 мин'],
  [900, '15 мин'],
];

/**
 * «Стена»: what the wall shows now, «Показать на стене», how long, with the scene or not,
 * «Стена следует за выбором» (every screen opened is sent at once), «Вернуть стену».
 */
export function WallPanel({ client, entity, hubNow }: { client: ControlClient | null; entity: (key: string) => Entity | undefined; hubNow: number }) {
  const control = useControl((s) => s.control);
  const sectors = useHubConfig((s) => s.sectors);
  const last = useControl((s) => s.lastCommand);
  const screen = useTouchNav(currentScreen);
  const durationS = useTouchNav((s) => s.durationS);
  const withScene = useTouchNav((s) => s.withScene);
  const follow = useTouchNav((s) => s.follow);
  const focus = control && overrideActive(control.focus, hubNow) ? control.focus : null;
  const scene = control && overrideActive(control.scene, hubNow) ? control.scene : null;
  const cmd = showOnWallCommand(screen, entity, { durationS, withScene });

  return (
    <section className="side-block wall-panel" aria-label="Стена">
      <h2>Стена</h2>
      <p className="wall-now" data-wall-focus={focus?.oktmo ?? (focus?.point ? 'point' : '')}>
        {focus
          ? `Показано: ${focus.label ?? focus.oktmo ?? 'точка'} до ${formatMskClock(focus.until)}`
          : scene
            ? `Сцена: ${sceneTitle(scene.scene, sectors)} до ${formatMskClock(scene.until)}`
            : 'Стена показывает свой плейлист'}
        {control?.blackout ? ' · стена затемнена' : ''}
      </p>
      <button
        type="button"
        className="btn btn-primary"
        disabled={!cmd || !client}
        onClick={() => {
          if (cmd) void client?.send(cmd);
        }}
      >
        Показать на стене
      </button>
      <div className="segmented" role="group" aria-label="Как долго">
        {DURATIONS.map(([s, label]) => (
          <button key={s} type="button" className="btn btn-seg" aria-pressed={durationS === s} onClick={() => useTouchNav.setState({ durationS: s })}>
            {label}
          </button>
        ))}
      </div>
      <button type="button" className="btn btn-toggle" aria-pressed={withScene} onClick={() => useTouchNav.setState({ withScene: !withScene })}>
        <span aria-hidden="true">{withScene ? '☑' : '☐'}</span> Сцена округа целиком
      </button>
      <button type="button" className="btn btn-toggle" aria-pressed={follow} onClick={() => useTouchNav.setState({ follow: !follow })}>
        <span aria-hidden="true">{follow ? '☑' : '☐'}</span> Стена следует за выбором
      </button>
      <button type="button" className="btn" disabled={!client || (!focus && !scene)} onClick={() => void client?.send(RETURN_WALL)}>
        Вернуть стену
      </button>
      {last && Date.now() - last.at < 8000 ? (
        <p className={last.ok ? 'toast toast-ok' : 'toast toast-bad'} role="status">
          {last.ok ? 'Стена приняла команду' : `Хаб отклонил команду: ${last.error ?? 'без причины'}`}
        </p>
      ) : null}
    </section>
  );
}
