import type Docker from 'dockerode';
import type { EngineEvents } from '../docker/engine-events';
import type { CoreEvents } from '../events';

/** What the stack room needs of the core (SlipwayCore satisfies it). */
export interface StackCore {
  docker(): { docker: Docker };
  engineEvents(): Promise<EngineEvents>;
  events: CoreEvents;
}

/** One progress line, as Compose prints them: ` Container proj-db-1  Healthy`. */
export interface StackProgress {
  kind: 'Network' | 'Volume' | 'Container' | 'Image' | 'Warning';
  name: string;
  status: string;
  service?: string;
}

export type ProgressListener = (progress: StackProgress) => void;
