import { useCallback, useState } from 'react';
import type { SlipwayClient } from '../../../../shared/client';
import type { DoctorCheckInfo } from '../../../../shared/contract/host';
import type { ErrorInfo } from '../../../../shared/errors';

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
    const answer = await client.call('doctor.run', { ...(projectId ? { projectId } : {}), ...(path ? { path } : {}) });
    setState((s) => (answer.ok ? { running: false, checks: answer.value.checks, ...(s.fixMessage ? { fixMessage: s.fixMessage } : {}) } : { running: false, error: answer.error }));
  }, [client, projectId, path]);
  const fix = async (checkId: string): Promise<void> => {
    setState((s) => ({ ...s, fixing: checkId }));
    const answer = await client.call('doctor.fix', { checkId, ...input });
    if (!answer.ok) {
      setState((s) => ({ ...s, fixing: undefined, error: answer.error }) as DoctorState);
      return;
    }
    setState((s) => ({ ...s, fixing: undefined, fixMessage: answer.value.message }) as DoctorState);
    await run();
  };
  return { ...state, run, fix };
}
