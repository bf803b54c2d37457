/** Titles of the touch panel's screens (the DSL's `expectScreen` reads the heading). */
import type { Entity } from '../../app/domain/entity';
import { municipalityByOktmo } from '../../app/domain/municipality';
import { cardTitle } from './card-fields';
import { ITEM_LIST_LABELS } from './drill-model';
import { orgLabel } from './org-label';
import { LEVEL_TITLES, ratedName } from './rating-model';
import type { TouchScreen } from './touch-nav';

export const REPUBLIC_TITLE = 'Чувашская Республика';

export function screenTitle(screen: TouchScreen, entity: (key: string) => Entity | undefined): string {
  switch (screen.kind) {
    case 'republic':
      return REPUBLIC_TITLE;
    case 'municipality':
      return municipalityByOktmo(screen.oktmo)?.shortName ?? screen.oktmo;
    case 'org':
      return orgLabel(screen.org);
    case 'items':
      return `${orgLabel(screen.org)}: ${ITEM_LIST_LABELS[screen.list]}`;
    case 'item': {
      const e = entity(screen.key);
      return e ? cardTitle(e) : 'Запись больше не в ленте';
    }
    case 'ratings':
      return LEVEL_TITLES[screen.level];
    case 'rating':
      return `${LEVEL_TITLES[screen.level]}: ${ratedName(screen.level, screen.key)}`;
  }
}
