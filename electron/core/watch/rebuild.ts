import { SlipwayError } from '../../../shared/errors';
import type { Project } from '../../../shared/model/project';
import type { ImagesService } from '../images/images-service';
import { recreateService, type StackCore } from '../stack';

/** What `rebuild` needs: build the service's image, then recreate its containers from it. */
export interface RebuildDriver {
  /** Aborting `signal` cancels the build (or the recreate) in flight. */
  rebuild(project: Project, service: string, signal: AbortSignal): Promise<void>;
}

/** The part of the images room a rebuild uses: the core's one ImagesService. */
export type RebuildImages = Pick<ImagesService, 'build'>;

/**
 * The images room builds (the core's ImagesService: same names, tags and build options as
 * `slipway build`), then the stack room recreates the service from the new image (same
 * container spec, labels and config hash as `slipway up`) and waits until it is ready.
 */
export function stackRebuild(stack: StackCore, images: RebuildImages): RebuildDriver {
  return {
    async rebuild(project, service, signal) {
      if (!project.model.services[service]?.build) {
        throw new SlipwayError('watch_rebuild_no_build', `Service ${service} has a rebuild rule but no build section`, 'Add `build:` to the service, or use `restart` or `sync` instead of `rebuild`.');
      }
      await images.build(project, { services: [service] }, { progress: () => undefined, signal });
      signal.throwIfAborted();
      await recreateService(stack, project, service, { signal });
    },
  };
}
