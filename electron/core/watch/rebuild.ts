import { SlipwayError } from '../../../shared/errors';
import type { Project } from '../../../shared/model/project';
import { ImagesService } from '../images/images-service';
import { recreateService, type StackCore } from '../stack';

/** What `rebuild` needs: build the service's image, then recreate its containers from it. */
export interface RebuildDriver {
  rebuild(project: Project, service: string): Promise<void>;
}

/**
 * The images room builds (same names, tags and build options as `slipway build`), then
 * the stack room recreates the service from the new image (same container spec, labels
 * and config hash as `slipway up`) and waits until it is ready.
 */
export function stackRebuild(core: StackCore & { env: Record<string, string | undefined> }): RebuildDriver {
  const images = new ImagesService(() => core.docker().docker, core.env);
  return {
    async rebuild(project, service) {
      if (!project.model.services[service]?.build) {
        throw new SlipwayError('watch_rebuild_no_build', `Service ${service} has a rebuild rule but no build section`, 'Add `build:` to the service, or use `restart` or `sync` instead of `rebuild`.');
      }
      await images.build(project, { services: [service] }, { progress: () => undefined, signal: new AbortController().signal });
      await recreateService(core, project, service);
    },
  };
}
