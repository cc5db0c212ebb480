import { useCallback, useEffect, useState } from 'react';
import { toErrorInfo, type ErrorInfo } from '../../../../shared/errors';
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
    client.call('watch.status', { projectId }).then(
      (status) => {
        if (!live) return;
        const { reloads: list, ...current } = status;
        setState(current);
        setReloads(list.reduce<Record<string, WatchReload[]>>((acc, r) => keep(acc, r), {}));
      },
      // No status yet: the panel shows "not watching" and the events fill it in.
      () => undefined,
    );
    return () => {
      live = false;
      offState();
      offReload();
    };
  }, [client, projectId]);

  const toggle = useCallback(async () => {
    setBusy(true);
    setError(undefined);
    const watching = state?.watching;
    const next = watching ? client.call('watch.stop', { projectId }).then(() => undefined) : client.call('watch.start', { projectId });
    await next.then(
      (started) => setState((current) => started ?? (current ? { ...current, watching: false } : current)),
      (failure: unknown) => setError(toErrorInfo(failure)),
    );
    setBusy(false);
  }, [client, projectId, state?.watching]);

  return { state, reloads, busy, error, toggle, dismissError: () => setError(undefined) };
}
