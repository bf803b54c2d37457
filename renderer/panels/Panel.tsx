import type { ReactNode } from 'react';

export interface PanelProps {
  title: string;
  /** `data-panel` hook for tests and monitoring. */
  id: string;
  /** A line under the title (a total, the period). */
  note?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** A titled block of the scene column. */
export function Panel({ title, id, note, children, className }: PanelProps) {
  return (
    <section className={`panel ${className ?? ''}`} data-panel={id} aria-label={title}>
      <h2 className="panel-title">
        {title}
        <span className={note !== undefined ? 'panel-note has-note' : 'panel-note'}>
          {note}
          {/* «ещё N»: rows that did not fit whole (filled in by `hidden-rows.ts`). */}
          <span className="panel-more" />
        </span>
      </h2>
      {children}
    </section>
  );
}
