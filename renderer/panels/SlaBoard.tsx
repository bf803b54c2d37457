import type { SlaBoardState, SlaRow } from '../../app/panels/sla-board';
import { placeName } from '../../app/alarms/alarm-text';
import { abbreviateAtWord, withoutPlace } from '../../app/ui/abbreviate';
import { useClock } from '../state/clock-store';
import { count, countdown } from './format';
import { Glyph } from './Glyph';
import { orgDirectory, orgLabel, useOrgDirectory } from './org-label';
import { Panel } from './Panel';

export interface SlaBoardProps {
  state: SlaBoardState;
  /** Rows per list. @default 4 */
  rows?: number;
  /** Organisations listed. @default 4; 0 hides the list */
  orgs?: number;
  /** Each row names its organisation (a sector's rows mostly share one: then off). @default true */
  orgColumn?: boolean;
}

/**
 * Characters a title keeps: two lines of the title column at 1920 px (CSS wraps it at spaces
 * and clamps at two lines); a longer one ends after a whole word with «…».
 */
const TITLE_CHARS = 40;

/**
 * The title as a row shows it: without its place where the row says it already (the
 * organisation is that place's administration, or every row of the list is there), then
 * abbreviated after a whole word if still longer than two lines (`scenes/whole-rows.ts`
 * shortens it further where the column is narrower than that).
 */
function rowTitle(r: SlaRow, samePlace: boolean, chars = TITLE_CHARS): string {
  const local = samePlace || orgDirectory().get(r.org)?.municipality === r.municipality;
  return abbreviateAtWord(local ? withoutPlace(r.title, placeName(r.municipality)) : r.title, chars);
}

/** True when every row is in one municipality (a municipality's scene). */
const onePlace = (rows: readonly SlaRow[]) => rows.length > 1 && rows.every((r) => r.municipality === rows[0]!.municipality);

function Row({ r, now, org, samePlace }: { r: SlaRow; now: number; org: boolean; samePlace: boolean }) {
  // Live: the time left is re-measured on the hub clock every second, not frozen at the
  // worker's last computation.
  const left = r.dueAt - now;
  const status = left < 0 ? 'overdue' : r.status === 'overdue' ? 'at_risk' : r.status;
  return (
    <li className={`sla-row${org ? '' : ' sla-row-no-org'}`} data-key={r.key}>
      <Glyph status={status} />
      <span className="countdown num">{left < 0 ? `−${countdown(left)}` : countdown(left)}</span>
      {org && <span className="sla-org clamp-2">{orgLabel(r.org)}</span>}
      <span className="sla-title clamp-2" title={r.title} data-full={rowTitle(r, samePlace, Infinity)}>
        {rowTitle(r, samePlace)}
      </span>
    </li>
  );
}

/** Soonest to breach and overdue with live countdowns (hub time), and the load by organisation. */
export function SlaBoard({ state, rows = 4, orgs = 4, orgColumn = true }: SlaBoardProps) {
  const now = useClock((s) => s.dataNow);
  useOrgDirectory(); // re-render with the hub's next `organisations` (names, places)
  const same = onePlace([...state.soonest, ...state.overdue]);
  return (
    <>
      <Panel id="sla-soonest" title="Скоро истекает срок">
        {state.soonest.length === 0 ? (
          <p className="empty">нет открытых обращений</p>
        ) : (
          <ol className={`sla-list${orgColumn ? '' : ' sla-list-no-org'}`}>
            {state.soonest.slice(0, rows).map((r) => (
              <Row key={r.key} r={r} now={now} org={orgColumn} samePlace={same} />
            ))}
          </ol>
        )}
      </Panel>
      <Panel id="sla-overdue" title="Просрочено" note="дольше всех">
        {state.overdue.length === 0 ? (
          <p className="empty">просроченных нет</p>
        ) : (
          <ol className={`sla-list${orgColumn ? '' : ' sla-list-no-org'}`}>
            {state.overdue.slice(0, rows).map((r) => (
              <Row key={r.key} r={r} now={now} org={orgColumn} samePlace={same} />
            ))}
          </ol>
        )}
      </Panel>
      {orgs > 0 && state.byOrg.length > 0 && (
        <Panel id="sla-orgs" title="По организациям">
          <table className="org-table">
            <tbody>
              {state.byOrg.slice(0, orgs).map((o) => (
                <tr key={o.org}>
                  <td className="org-name">
                    <span className="clamp-2">{orgLabel(o.org)}</span>
                  </td>
                  <td className="num">
                    <Glyph status="overdue" /> {count(o.overdue)}
                  </td>
                  <td className="num">
                    <Glyph status="at_risk" /> {count(o.atRisk)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      )}
    </>
  );
}
