import { formatCount } from '../../app/ui/format-ru';
import { ITEM_LIST_LABELS, itemsOf, type ItemListKind, type OrgNode } from './drill-model';
import { push } from './touch-nav';

const LISTS: ItemListKind[] = ['all', 'open', 'at_risk', 'overdue', 'closed', 'accidents'];

/** An organisation: one tile per list of its items. */
export function OrgScreen({ oktmo, org }: { oktmo: string; org: OrgNode }) {
  return (
    <div className="screen">
      <h2 className="screen-sub">Списки</h2>
      <div className="tiles">
        {LISTS.map((list) => {
          const n = itemsOf(org, list).length;
          if (list === 'accidents' && n === 0) return null;
          const label = ITEM_LIST_LABELS[list];
          return (
            <button
              key={list}
              type="button"
              className={`tile tile-${list}`}
              aria-label={`${label[0]!.toUpperCase()}${label.slice(1)}`}
              onClick={() => push({ kind: 'items', oktmo, org: org.key, list })}
            >
              <span className="tile-value">{formatCount(n)}</span>
              <span className="tile-label">{label}</span>
            </button>
          );
        })}
      </div>
    </div>
  );
}
