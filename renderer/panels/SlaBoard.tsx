import type { SlaBoardState, SlaRow } from '../../app/panels/sla-board';
import { useClock } from '../state/clock-store';
import { count, countdown } from './format';
import { Glyph } from './Glyph';
import { orgLabel } from './org-label';
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

function Row({ r, now, org }: { r: SlaRow; now: number; org: boolean }) {
  // Live: the time left is re-measured on the hub clock every second, not frozen at the
  // worker's last computation.
  const left = r.dueAt - now;
  const status = left < 0 ? 'overdue' : r.status === 'overdue' ? 'at_risk' : r.status;
  return (
    <li className={`sla-row${org ? '' : ' sla-row-no-org'}`} data-key={r.key}>
      <Glyph status={status} />
      <span className="countdown num">{left < 0 ? `−${countdown(left)}` : countdown(left)}</span>
      {org && <span className="sla-org">{orgLabel(r.org)}</span>}
      <span className="sla-title">{r.title}</span>
    </li>
  );
}

/** Soonest to breach and overdue with live countdowns (hub time), and the load by organisation. */
export function SlaBoard({ state, rows = 4, orgs = 4, orgColumn = true }: SlaBoardProps) {
  const now = useClock((s) => s.dataNow);
  return (
    <>
      <Panel id="sla-soonest" title="Скоро истекает срок">
        {state.soonest.length === 0 ? <p className="empty">нет открытых обращений</p> : <ol className="sla-list">{state.soonest.slice(0, rows).map((r) => <Row key={r.key} r={r} now={now} org={orgColumn} />)}</ol>}
      </Panel>
      <Panel id="sla-overdue" title="Просрочено" note="дольше всех">
        {state.overdue.length === 0 ? <p className="empty">просроченных нет</p> : <ol className="sla-list">{state.overdue.slice(0, rows).map((r) => <Row key={r.key} r={r} now={now} org={orgColumn} />)}</ol>}
      </Panel>
      {orgs > 0 && state.byOrg.length > 0 && (
        <Panel id="sla-orgs" title="По организациям">
          <table className="org-table">
            <tbody>
              {state.byOrg.slice(0, orgs).map((o) => (
                <tr key={o.org}>
                  <td className="org-name">{orgLabel(o.org)}</td>
                  <td className="num"><Glyph status="overdue" /> {count(o.overdue)}</td>
                  <td className="num"><Glyph status="at_risk" /> {count(o.atRisk)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      )}
    </>
  );
}
