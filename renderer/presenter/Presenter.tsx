import { useEffect, useMemo, useRef, useState } from 'react';
import { stepCommands, stepTitle } from '../../app/meetings/meeting-script';
import { buildStepView, type StepView } from '../../app/meetings/step-view';
import type { ControlClient } from '../control/control-client';
import { useControl } from '../control/control-store';
import { hubNow, useClock } from '../state/clock-store';
import { useHubConfig } from '../state/live-config-store';
import { ConfigWarning } from '../touch/ConfigWarning';
import { useControlClient } from '../control/use-control-client';
import { OfficerBadge } from '../touch/SignIn';
import { useDataView, type DataMode } from '../control/use-data-view';
import { ReplayBanner } from '../replay/ReplayBanner';
import { stepPng, pngName, saveAs } from './export-png';
import { PrintScript } from './PrintScript';
import { scriptById, usePresenter } from './presenter-store';
import { ReplayControls } from './ReplayControls';
import { SpotlightControls } from './SpotlightControls';
import { StepPreview } from './StepPreview';
import './presenter.css';

export interface PresenterProps {
  hub: string;
  /** A `presenter` token. */
  token: string;
}

const SOURCE: Readonly<Record<DataMode, string>> = { live: 'Данные на', frozen: 'Данные зафиксированы на', replay: 'ПОВТОР:' };
/** The heavy views (ratings, the minutes) are recomputed at most this often on live data. */
const SLOW_EVERY_MS = 60_000;

/** Sends a step's commands in order; stops at the first refusal. */
async function sendStep(client: ControlClient | null, scriptId: string, index: number): Promise<void> {
  for (const cmd of stepCommands(scriptById(scriptId), index, useHubConfig.getState().sectors)) {
    const ack = await client?.send(cmd);
    if (!ack?.ok) return;
  }
}

/**
 * The curator's meeting mode (issue 7): scripts of scenes stepped with a clicker
 * (PageDown/PageUp, →/←) or the buttons, `B` blacks the wall out, the data frozen at a moment,
 * comparisons, a spotlight, replay, and the current step as PNG / the script as PDF.
 */
export function Presenter({ hub, token }: PresenterProps) {
  const client = useControlClient(hub, token, 'presenter');
  const data = useDataView(client, hub, token, 10_000);
  const control = useControl((s) => s.control);
  const connection = useControl((s) => s.connection);
  const error = useControl((s) => s.error);
  const offset = useClock((s) => s.offsetMs);
  const last = useControl((s) => s.lastCommand);
  const { scriptId, step } = usePresenter();
  // The hub's current meeting scripts and sectors (issue 12): a new version shows without reload.
  const scripts = useHubConfig((s) => s.meetingScripts);
  const sectors = useHubConfig((s) => s.sectors);
  const script = scriptById(scriptId, scripts);
  const [busy, setBusy] = useState(false);

  // Follow the hub: another presenter stepped, or this page was reloaded mid-meeting.
  const hubScript = control?.script ?? null;
  useEffect(() => {
    if (hubScript && scripts.some((s) => s.id === hubScript.script)) usePresenter.setState({ scriptId: hubScript.script, step: hubScript.step });
  }, [hubScript?.script, hubScript?.step, scripts]);
  const onWall = hubScript?.script === script.id && hubScript.step === step;

  const go = (index: number) => {
    const s = usePresenter.getState();
    const sc = scriptById(s.scriptId);
    const i = Math.max(0, Math.min(sc.steps.length - 1, index));
    usePresenter.setState({ step: i });
    void sendStep(client, sc.id, i);
  };
  const blackout = () => void client?.send({ type: 'blackout:set', on: !useControl.getState().control?.blackout });
  const keys = useRef({ go, blackout });
  keys.current = { go, blackout };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target;
      if (t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement || e.ctrlKey || e.metaKey || e.altKey) return;
      const at = usePresenter.getState().step;
      if (e.key === 'PageDown' || e.key === 'ArrowRight') keys.current.go(at + 1);
      else if (e.key === 'PageUp' || e.key === 'ArrowLeft') keys.current.go(at - 1);
      else if (e.code === 'KeyB' || e.key === '.') keys.current.blackout();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const current = script.steps[Math.min(step, script.steps.length - 1)]!;
  // A rating takes a few hundred ms over a month of appeals: on live data it is recomputed
  // once a minute (as the wall's ratings panel is), the other steps on every tick and change.
  const live = data.mode === 'live';
  const minute = Math.floor(data.now / SLOW_EVERY_MS);
  const viewKey = live && current.scene.id === 'ratings' ? `m${minute}` : `${data.rev}|${data.now}`;
  // Step titles name sectors by the hub's current document (buildStepView's are the built-in names).
  const titled = (v: StepView): StepView => ({ ...v, title: stepTitle(v.step, sectors) });
  const view = useMemo(() => titled(buildStepView(data.entities, data.now, current)), [data.entities, viewKey, current, sectors]);
  // The minutes (every step) likewise at most once a minute while live; each page prints the
  // moment its figures were computed for.
  const printKey = live ? `m${minute}` : `${data.rev}|${data.now}`;
  const printViews = useMemo(() => script.steps.map((s) => titled(buildStepView(data.entities, data.now, s))), [data.entities, printKey, script, sectors]);

  const exportPng = async () => {
    setBusy(true);
    try {
      const blob = await stepPng(view, { scriptTitle: script.title, index: step, total: script.steps.length, source: SOURCE[data.mode], exportedAt: hubNow() });
      saveAs(blob, pngName(script.id, step, view.at));
    } finally {
      setBusy(false);
    }
  };
  const frozen = control?.frozenAt ?? null;

  return (
    <div
      className="presenter"
      data-presenter
      data-data-mode={data.mode}
      data-entities={data.entities.size}
      data-data-at={data.now}
      data-on-wall={onWall ? 'yes' : 'no'}
    >
      <div className="presenter-screen">
        <header className="presenter-header">
          <div>
            <div className="muted">Режим куратора</div>
            <h1>{script.title}</h1>
          </div>
          <ReplayBanner control={control} serverOffsetMs={offset} error={data.replay?.error ?? null} />
          {control?.blackout ? (
            <span className="chip-state chip-blackout" data-blackout="on">
              СТЕНА ЗАТЕМНЕНА
            </span>
          ) : null}
          <OfficerBadge />
          <ConfigWarning className="presenter-config-warning" />
          <span className={`conn conn-${connection}`}>{error ?? (connection === 'connected' ? '● На связи' : '○ Нет связи')}</span>
        </header>
        <div className="presenter-body">
          <nav className="presenter-nav" aria-label="Сценарии">
            <div className="scripts">
              {scripts.map((s) => (
                <button
                  key={s.id}
                  type="button"
                  className="btn"
                  data-script={s.id}
                  aria-pressed={s.id === script.id}
                  onClick={() => usePresenter.setState({ scriptId: s.id, step: 0 })}
                >
                  {s.title}
                </button>
              ))}
            </div>
            <ol className="steps">
              {script.steps.map((s, i) => (
                <li key={i}>
                  <button type="button" className="btn step" aria-current={i === step ? 'step' : undefined} onClick={() => go(i)}>
                    {i + 1}. {stepTitle(s, sectors)}
                    {hubScript?.script === script.id && hubScript.step === i ? <span className="on-wall"> ● на стене</span> : null}
                  </button>
                </li>
              ))}
            </ol>
            <SpotlightControls client={client} durationS={script.stepDurationS} />
            <ReplayControls client={client} />
          </nav>
          <main className="presenter-main">
            {onWall ? null : (
              <p className="preview-note">
                Предпросмотр: на стене {hubScript ? `шаг ${hubScript.step + 1} сценария «${scriptById(hubScript.script, scripts).title}»` : 'свой плейлист'}.
                «Показать шаг» отправит этот шаг.
              </p>
            )}
            <StepPreview
              view={view}
              index={step}
              total={script.steps.length}
              title={(id) => {
                const e = data.entities.get(`appeal:${id}`);
                return e?.kind === 'appeal' ? e.title : undefined;
              }}
            />
          </main>
        </div>
        <footer className="toolbar">
          <button type="button" className="btn" onClick={() => go(step - 1)} disabled={step === 0} aria-label="Предыдущий шаг">
            ‹ Назад
          </button>
          <button type="button" className="btn btn-primary" onClick={() => go(step + 1)} disabled={step >= script.steps.length - 1} aria-label="Следующий шаг">
            Вперёд ›
          </button>
          <button type="button" className="btn" onClick={() => go(step)}>
            Показать шаг
          </button>
          <button type="button" className="btn" aria-pressed={!!control?.blackout} onClick={blackout}>
            Затемнить (B)
          </button>
          <button
            type="button"
            className="btn"
            aria-pressed={frozen !== null}
            onClick={() => void client?.send({ type: 'freeze:set', at: frozen === null ? Math.floor(hubNow()) : null })}
          >
            {frozen === null ? 'Зафиксировать данные' : 'Снять фиксацию'}
          </button>
          <button type="button" className="btn" onClick={() => void exportPng()} disabled={busy}>
            PNG сцены
          </button>
          <button type="button" className="btn" onClick={() => window.print()}>
            PDF сценария
          </button>
          {last && !last.ok ? <span className="toast-bad">Хаб отклонил: {last.error}</span> : null}
        </footer>
      </div>
      <PrintScript script={script} views={printViews} source={SOURCE[data.mode]} />
    </div>
  );
}
