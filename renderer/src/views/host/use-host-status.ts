import { useCallback, useEffect, useState } from 'react';
import type { SlipwayClient } from '../../../../shared/client';
import type { HostCandidate, HostStatus } from '../../../../shared/contract/host';
import { toErrorInfo, type ErrorInfo } from '../../../../shared/errors';
import { formatBytes } from '../../../../shared/format-bytes';

export interface HostStatusState {
  status?: HostStatus;
  loading: boolean;
  error?: ErrorInfo;
  /** The core answering has no host calls (an older or partial build): show nothing. */
  unsupported: boolean;
  refresh(): void;
}

/** host.status, fetched on mount and again whenever host.changed says the host changed. */
export function useHostStatus(client: SlipwayClient): HostStatusState {
  const [state, setState] = useState<{ status?: HostStatus; loading: boolean; error?: ErrorInfo }>({ loading: true });
  const fetchStatus = useCallback(() => {
    client.call('host.status', {}).then(
      (status) => setState({ status, loading: false }),
      (error: unknown) => setState({ loading: false, error: toErrorInfo(error) }),
    );
  }, [client]);
  const refresh = useCallback(() => {
    setState((s) => ({ ...s, loading: true }));
    fetchStatus();
  }, [fetchStatus]);
  useEffect(() => {
    fetchStatus();
    return client.on('host.changed', (status) => setState({ status, loading: false }));
  }, [client, fetchStatus]);
  return { ...state, unsupported: state.error?.code === 'unknown_call', refresh };
}

export function useHostList(client: SlipwayClient): { hosts?: HostCandidate[]; loading: boolean; error?: ErrorInfo; refresh(): void } {
  const [state, setState] = useState<{ hosts?: HostCandidate[]; loading: boolean; error?: ErrorInfo }>({ loading: false });
  const refresh = useCallback(() => {
    setState((s) => ({ ...s, loading: true }));
    client.call('host.list', {}).then(
      (hosts) => setState({ hosts, loading: false }),
      (error: unknown) => setState({ loading: false, error: toErrorInfo(error) }),
    );
  }, [client]);
  return { ...state, refresh };
}

export function formatMemory(bytes: number | undefined): string | undefined {
  return bytes === undefined ? undefined : formatBytes(bytes);
}
