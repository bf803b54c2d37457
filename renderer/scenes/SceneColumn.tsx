import { municipalityByOktmo } from '../../app/domain/municipality';
import type { PanelsState } from '../../app/panels/build-panels';
import type { Scene } from '../../app/scenes/scene';
import { formatCount } from '../../app/ui/format-ru';
import type { FocusPanels } from '../worker/frame';
import { AccidentsBoard } from '../panels/AccidentsBoard';
import { FocusSummary } from '../panels/FocusSummary';
import { FreshnessPanel } from '../panels/FreshnessPanel';
import { RatingsTable } from '../panels/RatingsTable';
import { SectorsPanel } from '../panels/SectorsPanel';
import { SlaBoard } from '../panels/SlaBoard';
import { focusKey, panelFocus } from './scene-view';

export interface SceneColumnProps {
  scene: Scene;
  panels: PanelsState | null;
  focus: readonly FocusPanels[];
  /** Less room (an alarm banner above): fewer rows. */
  compact?: boolean;
}

/** The focused panels of this scene, once the worker has sent them. */
function focusOf(focus: readonly FocusPanels[], scene: Scene): PanelsState | null {
  const want = focusKey(panelFocus(scene));
  return focus.find((f) => focusKey(f.focus) === want)?.panels ?? null;
}

function Waiting() {
  return (
    <p className="empty" data-waiting>
      ожидание данных от хаба…
    </p>
  );
}

/** The panels of a scene, beside the map (issue 5 «Scenes»). */
export function SceneColumn({ scene, panels, focus, compact = false }: SceneColumnProps) {
  if (!panels) return <Waiting />;
  switch (scene.id) {
    case 'overview':
      return (
        <>
          <SectorsPanel state={panels.sectors} />
          <FreshnessPanel state={panels.freshness} />
        </>
      );
    case 'housing': {
      const mine = focusOf(focus, scene);
      return (
        <>
          <AccidentsBoard state={panels.accidents} rows={compact ? 2 : mine ? 4 : 6} />
          {mine && (
            <section className="panel" data-panel="housing-appeals" aria-label="Обращения по ЖКХ">
              <h2 className="panel-title">Обращения по ЖКХ</h2>
              <FocusSummary kpi={mine.kpi} accidents={false} />
            </section>
          )}
        </>
      );
    }
    case 'sla':
      return <SlaBoard state={panels.slaBoard} rows={compact ? 3 : 4} orgs={compact ? 2 : 4} />;
    case 'ratings':
      return <RatingsTable state={panels.ratings} satisfaction={panels.satisfaction} />;
    case 'sector':
    case 'municipality': {
      // The focused panels arrive a moment after the scene switches: until then, wait.
      const mine = focusOf(focus, scene);
      if (!mine) return <Waiting />;
      const place = scene.id === 'municipality' ? municipalityByOktmo(scene.oktmo) : undefined;
      const housing = scene.id === 'municipality' || scene.sector === 'housing';
      return (
        <>
          {place && (
            <p className="focus-place">
              {place.type === 'city_okrug' ? 'Городской округ' : 'Муниципальный округ'}, {formatCount(place.population)} жит.
            </p>
          )}
          <FocusSummary kpi={mine.kpi} accidents={housing} />
          {housing && mine.accidents.active > 0 && <AccidentsBoard state={mine.accidents} rows={2} title="Аварии ЖКХ здесь" />}
          {/* Under an alarm banner an accident's place keeps its accidents; deadlines wait. */}
          {!(compact && housing && mine.accidents.active > 0) && (
            <SlaBoard
              state={mine.slaBoard}
              rows={compact ? 1 : housing && mine.accidents.active > 0 ? 2 : scene.id === 'sector' ? 4 : 3}
              orgs={scene.id === 'sector' && !compact ? 3 : 0}
              orgColumn={scene.id !== 'sector'}
            />
          )}
        </>
      );
    }
  }
}
