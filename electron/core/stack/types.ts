import type Docker from 'dockerode';
import type { Project } from '../../../shared/model/project';
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
  /** Synchronized file shares (absent: bind mounts stay bind mounts). */
  shares?(): StackShares;
}

/**
 * Bind-mounted folders the engine cannot see (or that the user wants synchronized), as up
 * uses them: the shares room implements it (electron/core/shares).
 */
export interface StackShares {
  /** Probes the selected services' folders (their images are there by now); returns the project as the engine gets it. */
  prepare(project: Project, images: Map<string, { id: string }>, services: string[], report: ProgressListener): Promise<Project>;
  /** Fills the synchronized volumes (created by now) before any container starts. */
  fill(project: Project, services: string[], report: ProgressListener, signal?: AbortSignal): Promise<void>;
  /** The services started: the project's watcher keeps the synchronized volumes current. */
  started(project: Project): Promise<void>;
}

/** One progress line, as Compose prints them: ` Container proj-db-1  Healthy`. */
export interface StackProgress {
  kind: 'Network' | 'Volume' | 'Container' | 'Image' | 'Warning';
  name: string;
  status: string;
  service?: string;
}

export type ProgressListener = (progress: StackProgress) => void;
