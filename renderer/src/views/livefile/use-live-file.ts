import { useCallback, useEffect, useState } from 'react';
import { toErrorInfo, type ErrorInfo } from '../../../../shared/errors';
import type { LiveFileApplied, LiveFileState } from '../../../../shared/contract/livefile';
import { useApp, useStores } from '../../app-context';

const APPLIED_KEPT = 5;

export interface LiveFileView {
  state: LiveFileState | undefined;
  /** The last applied changes, newest first. */
  applied: LiveFileApplied[];
  busy: boolean;
  error: ErrorInfo | undefined;
  apply(): Promise<void>;
}

/** The project's files against what runs: one status call, then livefile events. */
export function useLiveFile(projectId: string): LiveFileView {
  const { app } = useStores();
  const client = useApp((s) => s.client);
  const [state, setState] = useState<LiveFileState | undefined>(undefined);
  const [applied, setApplied] = useState<LiveFileApplied[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | undefined>(undefined);

  useEffect(() => {
    let live = true;
    const offState = client.on('livefile.state', (next) => {
      if (next.projectId === projectId) setState(next);
    });
    const offApplied = client.on('livefile.applied', (next) => {
      if (next.projectId !== projectId) return;
      setApplied((list) => [next, ...list].slice(0, APPLIED_KEPT));
      // A created or removed service changes the services table.
      if (next.ok) void app.getState().loadDetail();
    });
    client.call('livefile.status', { projectId }).then(
      (status) => live && setState((current) => current ?? status),
      // Not followed (a project opened by name): nothing to show.
      () => undefined,
    );
    return () => {
      live = false;
      offState();
      offApplied();
    };
  }, [app, client, projectId]);

  const apply = useCallback(async () => {
    setBusy(true);
    setError(undefined);
    await client.call('livefile.apply', { projectId }).then(
      (result) => setError(result.ok || !result.error ? undefined : { code: 'livefile_apply', ...result.error }),
      (failure: unknown) => setError(toErrorInfo(failure)),
    );
    setBusy(false);
  }, [client, projectId]);

  return { state, applied, busy, error, apply };
}
