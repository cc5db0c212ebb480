import type { ProjectState } from '../../../shared/model/state';
import type { EngineStatus } from '../../../shared/contract/state';
import type { SlipwayCore } from '../../../electron/core/slipway-core';

/** Resolves with the first state of `projectId` (snapshot or state.changed) that passes `test`. */
export function waitForState(core: SlipwayCore, projectId: string, test: (state: ProjectState) => boolean, what: string, timeoutMs = 60_000): Promise<ProjectState> {
  return new Promise((resolve, reject) => {
    let last: ProjectState | undefined;
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(last)}`));
    }, timeoutMs);
    const check = (state: ProjectState) => {
      last = state;
      if (!test(state)) return;
      clearTimeout(timer);
      off();
      resolve(state);
    };
    const off = core.events.on('state.changed', (event) => {
      if (event.projectId === projectId) check(event.state);
    });
    void core.state().snapshot(projectId).then(check, () => undefined);
  });
}

/** Resolves with the first engine.status event that passes `test`. */
export function waitForEngineStatus(core: SlipwayCore, test: (status: EngineStatus) => boolean, timeoutMs = 60_000): Promise<EngineStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('timed out waiting for an engine.status event'));
    }, timeoutMs);
    const off = core.events.on('engine.status', (status) => {
      if (!test(status)) return;
      clearTimeout(timer);
      off();
      resolve(status);
    });
  });
}
