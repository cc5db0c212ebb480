import { useEffect, useState } from 'react';
import type { ShareMount } from '../../../../shared/contract/shares';
import { useApp } from '../../app-context';

/** The project's bind-mounted folders and how each reaches the engine: one status call, then shares.changed events. */
export function useShares(projectId: string): ShareMount[] | undefined {
  const client = useApp((s) => s.client);
  const [mounts, setMounts] = useState<ShareMount[] | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const off = client.on('shares.changed', (status) => {
      if (status.projectId === projectId) setMounts(status.mounts);
    });
    client.call('shares.status', { projectId }).then(
      (status) => {
        if (live) setMounts(status.mounts);
      },
      // No answer (no engine): the panel says nothing is known yet, events fill it in.
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, [client, projectId]);
  return mounts;
}
