import { entityKey } from '../../app/domain/entity';
import { CHANNEL_LABELS } from '../../app/domain/entity';
import { sectorById } from '../../app/domain/sector';
import { SLA_STATUS_LABELS } from '../../app/sla/sla-state';
import { formatMskWhen } from '../../app/ui/format-ru';
import { statusGlyph } from '../../app/ui/palette';
import { abbreviateAtWord } from '../../app/ui/abbreviate';
import { useHubConfig } from '../state/live-config-store';
import { cardTitle, ROW_TITLE_CHARS } from './card-fields';
import { itemsOf, type DrillItem, type ItemListKind, type OrgNode } from './drill-model';
import { push, useTouchNav } from './touch-nav';

/** Longest list drawn; the rest is counted (a touch list is for finding, not for reading all). */
const MAX_ROWS = 200;

function cue(item: DrillItem) {
  if ('sla' in item) return { ...statusGlyph(item.sla), label: SLA_STATUS_LABELS[item.sla] };
  return statusGlyph(item.active ? 'accident_active' : 'resolved');
}

/** The items of one list of an organisation, the most urgent first. */
export function ItemListScreen({ org, list, now }: { org: OrgNode; list: ItemListKind; now: number }) {
  const listZoom = useTouchNav((s) => s.listZoom);
  const sectors = useHubConfig((s) => s.sectors);
  const items = itemsOf(org, list);
  return (
    <div className="screen">
      {items.length === 0 ? <p className="empty">Список пуст.</p> : null}
      <ul className="rows" data-zoomable="list" style={{ fontSize: `${listZoom}em` }}>
        {items.slice(0, MAX_ROWS).map((item) => {
          const e = item.entity;
          const c = cue(item);
          const sub =
            e.kind === 'appeal'
              ? `${CHANNEL_LABELS[e.channel]} · ${sectorById(e.sector, sectors).label} · ${formatMskWhen(e.createdAt, now)}`
              : `${e.address} · с ${formatMskWhen(e.startedAt, now)}`;
          const title = cardTitle(e);
          return (
            <li key={entityKey(e)}>
              <button type="button" className="row row-item" aria-label={title} onClick={() => push({ kind: 'item', key: entityKey(e) })}>
                <span className="row-cue" style={{ color: c.color }}>
                  {c.glyph} {c.label}
                </span>
                <span className="row-title">{abbreviateAtWord(title, ROW_TITLE_CHARS)}</span>
                <span className="row-figures">{sub}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {items.length > MAX_ROWS ? (
        <p className="empty">
          Показаны первые {MAX_ROWS} из {items.length}; уточните фильтры.
        </p>
      ) : null}
    </div>
  );
}
