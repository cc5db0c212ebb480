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

/** doctor.run and doctor.fix for one project (or none: engine checks only). */
export function useDoctor(client: SlipwayClient, projectId: string | undefined) {
  const [state, setState] = useState<DoctorState>({ running: false });
  const input = projectId ? { projectId } : {};
  const run = useCallback(async () => {
    setState((s) => ({ ...s, running: true }));
    const answer = await client.call('doctor.run', projectId ? { projectId } : {});
    setState((s) => (answer.ok ? { running: false, checks: answer.value.checks, ...(s.fixMessage ? { fixMessage: s.fixMessage } : {}) } : { running: false, error: answer.error }));
  }, [client, projectId]);
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
