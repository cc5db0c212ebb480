import type Docker from 'dockerode';
import type { Project } from '../../../shared/model/project';
import { defaultImageName } from '../compose/service-image';
import { statusCode } from '../thrown';
import type { ProgressListener } from './types';

/** `down --rmi`: `local` the images built under Compose's default name, `all` also every `image:` of the services. */
export type RemoveImagesMode = 'local' | 'all';

/**
 * The images `down --rmi MODE` removes, as Compose's ImagePruner picks them: for `local`,
 * `<project>-<service>` of each service without `image:` (what a build names it); for `all`,
 * also each service's `image:`. Only those the engine has.
 */
export async function imagesToRemove(docker: Docker, project: Project, mode: RemoveImagesMode): Promise<string[]> {
  const names: string[] = [];
  for (const [service, config] of Object.entries(project.model.services)) {
    if (config.image === undefined) names.push(defaultImageName(project.name, service));
    else if (mode === 'all') names.push(config.image);
  }
  const unique = [...new Set(names)];
  const present = await Promise.all(unique.map((name) => docker.getImage(name).inspect().then(() => true, (error: unknown) => statusCode(error) !== 404)));
  return unique.filter((_, i) => present[i]);
}

/** Removes them as Compose does: an image still in use is a warning, one gone meanwhile is no error. */
export async function removeImages(docker: Docker, images: readonly string[], report: ProgressListener): Promise<void> {
  for (const image of images) {
    report({ kind: 'Image', name: image, status: 'Removing' });
    try {
      await docker.getImage(image).remove();
      report({ kind: 'Image', name: image, status: 'Removed' });
    } catch (error) {
      const code = statusCode(error);
      if (code === 409) report({ kind: 'Warning', name: image, status: `image ${image} is still in use, not removed` });
      else if (code !== 404) throw error;
    }
  }
}
