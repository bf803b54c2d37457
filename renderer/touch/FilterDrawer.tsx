import { APPEAL_CHANNELS, CHANNEL_LABELS } from '../../app/domain/entity';
import { SLA_STATUSES } from '../../app/meetings/item-filter';
import { SLA_STATUS_LABELS } from '../../app/sla/sla-state';
import { statusGlyph } from '../../app/ui/palette';
import { useHubConfig } from '../state/live-config-store';
import { clearFilter, toggleFilter, useTouchNav } from './touch-nav';

/** Filters by sector (the hub's current `sectors`, each with its colour), channel and SLA state; each chip is a toggle. */
export function FilterDrawer() {
  const filter = useTouchNav((s) => s.filter);
  const sectors = useHubConfig((s) => s.sectors);
  const chip = (pressed: boolean, label: string, onClick: () => void, prefix?: string, color?: readonly [number, number, number]) => (
    <button key={label} type="button" className="btn chip" aria-pressed={pressed} aria-label={label} onClick={onClick}>
      {color ? <span className="chip-swatch" aria-hidden data-color={color.join(',')} style={{ background: `rgb(${color.join(',')})` }} /> : null}
      {pressed ? '✓ ' : ''}
      {prefix ? `${prefix} ` : ''}
      {label}
    </button>
  );
  return (
    <div className="drawer" role="dialog" aria-label="Фильтры">
      <h2>Сфера</h2>
      <div className="chips">{sectors.map((s) => chip(filter.sectors.includes(s.id), s.label, () => toggleFilter('sectors', s.id), undefined, s.color))}</div>
      <h2>Канал</h2>
      <div className="chips">{APPEAL_CHANNELS.map((c) => chip(filter.channels.includes(c), CHANNEL_LABELS[c], () => toggleFilter('channels', c)))}</div>
      <h2>Срок ответа</h2>
      <div className="chips">
        {SLA_STATUSES.map((st) => chip(filter.sla.includes(st), SLA_STATUS_LABELS[st], () => toggleFilter('sla', st), statusGlyph(st).glyph))}
      </div>
      <p className="empty">Аварии ЖКХ показываются, пока не выбраны канал и срок ответа, а среди сфер есть ЖКХ (если сферы выбраны).</p>
      <div className="drawer-actions">
        <button type="button" className="btn" onClick={clearFilter}>
          Сбросить фильтры
        </button>
        <button type="button" className="btn btn-primary" onClick={() => useTouchNav.setState({ filtersOpen: false })}>
          Готово
        </button>
      </div>
    </div>
  );
}
