import { isApiProblem } from '../api/api-problem';

/** An error as the API gave it: its message and stable code, announced to screen readers. */
export function ErrorPanel({ error, title = 'Something went wrong' }: { readonly error: unknown; readonly title?: string }) {
  const code = isApiProblem(error) ? error.code : 'UNEXPECTED';
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="error-panel" role="alert">
      <strong>{title}</strong>
      <p>{message}</p>
      <p className="error-code">
        Code: <code>{code}</code>
        {isApiProblem(error) && error.status > 0 ? <> · HTTP {error.status}</> : null}
      </p>
    </div>
  );
}
