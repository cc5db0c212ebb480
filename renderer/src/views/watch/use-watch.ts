import { useCallback, useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { WatchReload, WatchState } from '../../../../shared/contract/watch';
import { useApp } from '../../app-context';

const KEPT_PER_SERVICE = 5;

export interface WatchView {
  state: WatchState | undefined;
  /** Newest first, at most a few per service. */
  reloads: Record<string, WatchReload[]>;
  busy: boolean;
  error: ErrorInfo | undefined;
  toggle(): Promise<void>;
  dismissError(): void;
}

function keep(reloads: Record<string, WatchReload[]>, reload: WatchReload): Record<string, WatchReload[]> {
  return { ...reloads, [reload.service]: [reload, ...(reloads[reload.service] ?? [])].slice(0, KEPT_PER_SERVICE) };
}

/** The project's watch state and last reloads: one status call, then events. */
export function useWatch(projectId: string): WatchView {
  const client = useApp((s) => s.client);
  const [state, setState] = useState<WatchState | undefined>(undefined);
  const [reloads, setReloads] = useState<Record<string, WatchReload[]>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | undefined>(undefined);

  useEffect(() => {
    let live = true;
    const offState = client.on('watch.state', (next) => {
      if (next.projectId === projectId) setState(next);
    });
    const offReload = client.on('watch.reload', (reload) => {
      if (reload.projectId === projectId) setReloads((current) => keep(current, reload));
    });
    void client.call('watch.status', { projectId }).then((answer) => {
      if (!live || !answer.ok) return;
      const { reloads: list, ...current } = answer.value;
      setState(current);
      setReloads(list.reduce<Record<string, WatchReload[]>>((acc, r) => keep(acc, r), {}));
    });
    return () => {
      live = false;
      offState();
      offReload();
    };
  }, [client, projectId]);

  const toggle = useCallback(async () => {
    setBusy(true);
    setError(undefined);
    const answer = state?.watching ? await client.call('watch.stop', { projectId }) : await client.call('watch.start', { projectId });
    setBusy(false);
    if (!answer.ok) setError(answer.error);
    else if (answer.value) setState(answer.value);
    else setState((current) => (current ? { ...current, watching: false } : current));
  }, [client, projectId, state?.watching]);

  return { state, reloads, busy, error, toggle, dismissError: () => setError(undefined) };
}
