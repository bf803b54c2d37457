import { useHubConfig } from '../state/live-config-store';

/**
 * The status line's word on the hub's configuration (issue 12): a document version this page
 * could not apply, and which version stays in effect. Nothing while every version applied.
 */
export function ConfigWarning({ className }: { className: string }) {
  const problem = useHubConfig((s) => s.problem);
  if (!problem) return null;
  return (
    <p className={className} role="status" data-config-warning>
      ⚠ {problem}
    </p>
  );
}
