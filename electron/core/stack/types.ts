import type Docker from 'dockerode';
import type { EngineEvents } from '../docker/engine-events';
import type { CoreEvents } from '../events';
import type { ImagesService } from '../images/images-service';

/**
 * The images room as the stack room uses it (the core's one ImagesService): the local image,
 * a pull with the user's login, a build with the same names and tags as `slipway build`.
 */
export type StackImages = Pick<ImagesService, 'localImage' | 'pullImage' | 'build'>;

/** What the stack room needs of the core (SlipwayCore satisfies it). */
export interface StackCore {
  docker(): { docker: Docker };
  engineEvents(): Promise<EngineEvents>;
  events: CoreEvents;
  /** For COMPOSE_PARALLEL_LIMIT. */
  env: Record<string, string | undefined>;
  images: StackImages;
}

/** One progress line, as Compose prints them: ` Container proj-db-1  Healthy`. */
export interface StackProgress {
  kind: 'Network' | 'Volume' | 'Container' | 'Image' | 'Warning';
  name: string;
  status: string;
  service?: string;
}

export type ProgressListener = (progress: StackProgress) => void;
