/**
 * What «Показать на стене» sends for each screen of the touch panel (issue 7): the republic
 * puts the overview scene up; a municipality, organisation or list focuses the municipality;
 * an item focuses its point. With «сцена целиком» the municipality's scene comes too. Every
 * override lasts `durationS`, then the wall returns to its playlist; «Вернуть стену» clears both.
 */
import type { Entity } from '../../app/domain/entity';
import { municipalityByOktmo } from '../../app/domain/municipality';
import { itemMunicipality } from '../../app/meetings/item-filter';
import type { ControlAck, ControlCommand } from '../../app/protocol/control';
import { cardTitle } from './card-fields';
import { orgLabel } from './org-label';
import type { TouchScreen } from './touch-nav';

export interface ShowOptions {
  durationS: number;
  withScene: boolean;
}

/** The commands for the screen; empty when there is nothing to show (an item that left the feed). */
export function showOnWallCommands(screen: TouchScreen, entity: (key: string) => Entity | undefined, o: ShowOptions): ControlCommand[] {
  const { durationS } = o;
  const municipality = (oktmo: string, label: string): ControlCommand[] => [
    { type: 'focus:set', oktmo, label, durationS },
    ...(o.withScene && municipalityByOktmo(oktmo) ? [{ type: 'scene:set', scene: { id: 'municipality', oktmo }, durationS } as const] : []),
  ];
  switch (screen.kind) {
    case 'republic':
      return [{ type: 'focus:clear' }, { type: 'scene:set', scene: { id: 'overview' }, durationS }];
    case 'municipality':
      return municipality(screen.oktmo, municipalityByOktmo(screen.oktmo)?.shortName ?? screen.oktmo);
    case 'org':
    case 'items':
      return municipality(screen.oktmo, orgLabel(screen.org));
    case 'item': {
      const e = entity(screen.key);
      if (!e) return [];
      const oktmo = itemMunicipality(e);
      return [
        { type: 'focus:set', point: [e.lon, e.lat], label: cardTitle(e), durationS },
        ...(o.withScene && municipalityByOktmo(oktmo) ? [{ type: 'scene:set', scene: { id: 'municipality', oktmo }, durationS } as const] : []),
      ];
    }
  }
}

/** «Вернуть стену»: the wall goes back to its playlist now. */
export const RETURN_WALL: readonly ControlCommand[] = [{ type: 'focus:clear' }, { type: 'scene:clear' }];

/** Sends commands in order and stops at the first one the hub refuses. */
export async function sendAll(client: { send(cmd: ControlCommand): Promise<ControlAck> } | null, cmds: readonly ControlCommand[]): Promise<void> {
  for (const c of cmds) {
    const ack = await client?.send(c);
    if (!ack?.ok) return;
  }
}
