/**
 * What «Показать на стене» sends for each screen of the touch panel (issue 7): the republic
 * puts the overview scene up; a municipality, organisation or list focuses the municipality;
 * an item focuses its point. With «сцена целиком» the municipality's scene comes too. Always
 * one `wall:show` command, so the focus and the scene change together on every screen (one
 * round trip, one `control:state`). Every override lasts `durationS`, then the wall returns
 * to its playlist; «Вернуть стену» clears both, also in one command.
 */
import type { Entity } from '../../app/domain/entity';
import { municipalityByOktmo } from '../../app/domain/municipality';
import { itemMunicipality } from '../../app/meetings/item-filter';
import type { ControlCommand } from '../../app/protocol/control';
import type { Scene } from '../../app/scenes/scene';
import { cardTitle } from './card-fields';
import { orgLabel } from './org-label';
import type { TouchScreen } from './touch-nav';

export interface ShowOptions {
  durationS: number;
  withScene: boolean;
}

export type WallShow = Extract<ControlCommand, { type: 'wall:show' }>;

/** The command for the screen; null when there is nothing to show (an item that left the feed). */
export function showOnWallCommand(screen: TouchScreen, entity: (key: string) => Entity | undefined, o: ShowOptions): WallShow | null {
  const { durationS } = o;
  // The municipality's scene, when asked for and the code is one the wall knows.
  const sceneOf = (oktmo: string): { scene?: Scene } => (o.withScene && municipalityByOktmo(oktmo) ? { scene: { id: 'municipality', oktmo } } : {});
  switch (screen.kind) {
    case 'republic':
      return { type: 'wall:show', focus: null, scene: { id: 'overview' }, durationS };
    case 'municipality':
      return {
        type: 'wall:show',
        focus: { oktmo: screen.oktmo, label: municipalityByOktmo(screen.oktmo)?.shortName ?? screen.oktmo },
        ...sceneOf(screen.oktmo),
        durationS,
      };
    case 'org':
    case 'items':
      return { type: 'wall:show', focus: { oktmo: screen.oktmo, label: orgLabel(screen.org) }, ...sceneOf(screen.oktmo), durationS };
    case 'ratings':
    case 'rating':
      return { type: 'wall:show', focus: null, scene: { id: 'ratings' }, durationS };
    case 'item': {
      const e = entity(screen.key);
      if (!e || e.kind === 'weather') return null;
      return { type: 'wall:show', focus: { point: [e.lon, e.lat], label: cardTitle(e) }, ...sceneOf(itemMunicipality(e)), durationS };
    }
  }
}

/** «Вернуть стену»: the wall goes back to its playlist now. */
export const RETURN_WALL: WallShow = { type: 'wall:show', focus: null, scene: null };
