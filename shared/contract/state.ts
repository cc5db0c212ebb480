import { z } from 'zod';
import { defineCall } from './define';
import { ProjectRef } from './common';
import { EngineStatusWord, ProjectState } from '../model/state';

export const EngineStatus = z.object({
  status: EngineStatusWord,
  /** Why the engine is down, or what we are trying. */
  message: z.string().optional(),
});
export type EngineStatus = z.infer<typeof EngineStatus>;

export const StateChanged = z.object({ projectId: z.string(), state: ProjectState });
export type StateChanged = z.infer<typeof StateChanged>;

export const stateCalls = {
  /** The project's live state now (starts the state feed on first use). */
  'state.snapshot': defineCall({ input: ProjectRef, output: ProjectState }),
};

export const stateEvents = {
  /** A project's state changed (coalesced over a few tens of ms). */
  'state.changed': StateChanged,
  /** The engine went away, is being reconnected, or is back. */
  'engine.status': EngineStatus,
};
