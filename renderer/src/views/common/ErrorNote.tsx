import type { ErrorInfo } from '../../../../shared/errors';

/** An error where it happened: what went wrong, and the hint that says what to do. */
export function ErrorNote({ error, onDismiss }: { error: ErrorInfo | undefined; onDismiss?: () => void }) {
  if (!error) return null;
  return (
    <div className="error-note" role="alert">
      <div className="error-message">{error.message}</div>
      {error.hint ? <div className="error-hint">{error.hint}</div> : null}
      {onDismiss ? (
        <button type="button" className="link-button" onClick={onDismiss} aria-label="Dismiss error">
          Dismiss
        </button>
      ) : null}
    </div>
  );
}
