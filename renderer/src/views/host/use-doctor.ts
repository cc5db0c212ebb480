import { useCallback, useState } from 'react';
import type { SlipwayClient } from '../../../../shared/client';
import type { DoctorCheckInfo } from '../../../../shared/contract/host';
import { toErrorInfo, type ErrorInfo } from '../../../../shared/errors';

export interface DoctorState {
  checks?: DoctorCheckInfo[];
  running: boolean;
  fixing?: string;
  error?: ErrorInfo;
  fixMessage?: string;
}

export interface DoctorTarget {
  projectId?: string;
  /** A folder not opened yet. */
  path?: string;
}

/** doctor.run and doctor.fix for an open project, a folder, or none (engine checks only). */
export function useDoctor(client: SlipwayClient, target: DoctorTarget) {
  const [state, setState] = useState<DoctorState>({ running: false });
  const { projectId, path } = target;
  const input = { ...(projectId ? { projectId } : {}), ...(path ? { path } : {}) };
  const run = useCallback(async () => {
    setState((s) => ({ ...s, running: true }));
    try {
      const report = await client.call('doctor.run', { ...(projectId ? { projectId } : {}), ...(path ? { path } : {}) });
      setState((s) => ({ running: false, checks: report.checks, ...(s.fixMessage ? { fixMessage: s.fixMessage } : {}) }));
    } catch (error) {
      setState({ running: false, error: toErrorInfo(error) });
    }
  }, [client, projectId, path]);
  const fix = async (checkId: string): Promise<void> => {
    setState((s) => ({ ...s, fixing: checkId }));
    let message: string;
    try {
      ({ message } = await client.call('doctor.fix', { checkId, ...input }));
    } catch (error) {
      setState(({ fixing: _done, ...s }) => ({ ...s, error: toErrorInfo(error) }));
      return;
    }
    setState(({ fixing: _done, ...s }) => ({ ...s, fixMessage: message }));
    await run();
  };
  return { ...state, run, fix };
}
