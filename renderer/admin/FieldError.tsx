import type { ConfigError } from '../../app/config/config-errors';
import { errorsAt } from './field-errors';

/** The errors at a field's path, beside the field (`data-error-path` for tests). */
export function FieldError({ errors, path, exact = false }: { errors: readonly ConfigError[]; path: string; exact?: boolean }) {
  const mine = exact ? errors.filter((e) => e.path === path) : errorsAt(errors, path);
  if (mine.length === 0) return null;
  return (
    <>
      {mine.map((e) => (
        <span key={e.path + e.message} className="field-error" role="alert" data-error-path={e.path}>
          {e.path !== path ? `${e.path.slice(path.length).replace(/^\./, '')}: ` : ''}
          {e.message}
        </span>
      ))}
    </>
  );
}

/** A list of errors with their paths (what no field shows, or the JSON editor's). */
export function ErrorList({ errors, title }: { errors: readonly ConfigError[]; title: string }) {
  if (errors.length === 0) return null;
  return (
    <div className="errors" role="alert" data-errors>
      <strong>{title}</strong>
      <ul>
        {errors.map((e) => (
          <li key={e.path + e.message} data-error-path={e.path}>
            <code>{e.path}</code>: {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A fresh copy of a plain-JSON value (forms edit the copy). */
export function copy<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
