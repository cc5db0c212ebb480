import { describeChange, describeInvalid, pendingTitle } from '../../../../shared/livefile-format';
import { ErrorNote } from '../common/ErrorNote';
import { useLiveFile } from './use-live-file';
import './livefile.css';

/**
 * The project's files changed and the stack does not follow yet: "compose.yaml changed:
 * web, worker to recreate", what changed per service, and Apply. A save that does not load
 * says where (file:line:column) and that nothing was changed.
 */
export function LiveFileBanner({ projectId }: { projectId: string }) {
  const { state, busy, error, apply } = useLiveFile(projectId);
  if (!state) return null;
  if (state.error) {
    return (
      <div className="livefile-banner livefile-invalid" role="alert" data-testid="livefile-banner">
        <strong>{describeInvalid(state)}</strong>
        {state.error.hint ? <div className="muted">{state.error.hint}</div> : null}
      </div>
    );
  }
  if (state.autoApply || state.changes.length === 0) return null;
  return (
    <div className="livefile-banner" role="status" data-testid="livefile-banner">
      <strong>{pendingTitle(state)}</strong>
      <ul className="livefile-changes">
        {state.changes.map((change) => (
          <li key={change.service} data-service={change.service}>
            {describeChange(change)}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void apply()} disabled={busy}>
        {busy ? 'Applying…' : 'Apply'}
      </button>
      <ErrorNote error={error} />
    </div>
  );
}
