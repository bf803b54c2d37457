import type { Entity } from '../../app/domain/entity';
import { useHubConfig } from '../state/live-config-store';
import { cardFields } from './card-fields';

/** One item, public fields only (see `card-fields.ts`). */
export function ItemCard({ entity, now, lookup }: { entity: Entity | undefined; now: number; lookup?: (key: string) => Entity | undefined }) {
  // Names come from the hub's current documents: a new version redraws the card.
  useHubConfig((s) => s.versions);
  if (!entity) return <p className="empty">Запись удалена из ленты или не проходит фильтры.</p>;
  return (
    <div className="screen">
      <dl className="card" data-item={`${entity.kind}:${entity.id}`}>
        {cardFields(entity, now, lookup).map((f) => (
          <div key={f.label} className="card-row">
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
      <p className="card-note">Текст обращения и данные заявителя на сенсорной панели не показываются (152-ФЗ): только обезличенная сводка.</p>
    </div>
  );
}
