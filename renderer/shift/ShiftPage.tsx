import { useState } from 'react';
import { formatMskDateTime } from '../../app/ui/format-ru';
import { HandoverView } from './HandoverView';
import { useOfficerName } from './officer-name';
import { OfficerNameField } from './OfficerNameField';
import { useHandover } from './use-handover';
import './shift.css';

/** The digest is fetched again this often while the page is open. */
const REFRESH_MS = 30_000;

/**
 * `#/shift`: the handover of the last shift change (issue 15) — the digest, the incoming
 * officer's confirmation by name, and «Печать» (the browser's print to PDF; the page's print
 * style keeps the report only). Any reading token shows it; confirming needs a touch,
 * presenter or admin token (the hub answers 403 otherwise, shown here).
 */
export function ShiftPage({ hub, token }: { hub: string; token: string }) {
  const { handover: d, error, confirm } = useHandover(hub, token, REFRESH_MS);
  const [busy, setBusy] = useState(false);
  const name = useOfficerName();
  const onConfirm = async () => {
    setBusy(true);
    await confirm(name);
    setBusy(false);
  };

  return (
    <div className="shift-page" data-shift-page data-loaded={d ? 'true' : 'false'}>
      <header className="shift-head">
        <h1>Передача смены{d ? ` ${formatMskDateTime(d.change)} МСК` : ''}</h1>
        <div className="shift-actions no-print">
          <OfficerNameField label="Принимающий смену" />
          <button type="button" className="btn" disabled={!d || busy} onClick={() => void onConfirm()}>
            Смену принял(а)
          </button>
          <button type="button" className="btn" disabled={!d} onClick={() => window.print()}>
            Печать
          </button>
        </div>
        {error ? (
          <p className="shift-error" role="alert">
            {error}
          </p>
        ) : null}
      </header>
      {d ? <HandoverView d={d} /> : error ? null : <p>Загрузка…</p>}
    </div>
  );
}
