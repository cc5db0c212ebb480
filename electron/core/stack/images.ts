import type Docker from 'dockerode';
import type { Project } from '../../../shared/model/project';
import { ServiceFailedError, dockerMessage } from './errors';
import { cleanPath } from './container-spec';
import { serviceImage } from './names';
import { statusCode } from '../thrown';

export type ImageReporter = (image: string, status: string) => void;

export interface ImageInfo {
  id: string;
  /** The image declares a HEALTHCHECK of its own. */
  healthcheck: boolean;
  /** Paths the image declares with VOLUME (each gets an anonymous volume unless the service mounts something there). */
  volumes: string[];
}

/** Looks up (and, where missing, pulls) each service's image; returns image id and healthcheck by service. */
export async function resolveImages(docker: Docker, project: Project, services: string[], report: ImageReporter, signal?: AbortSignal): Promise<Map<string, ImageInfo>> {
  const byImage = new Map<string, string[]>();
  for (const service of services) {
    const image = serviceImage(project, service);
    byImage.set(image, [...(byImage.get(image) ?? []), service]);
  }
  const ids = new Map<string, ImageInfo>();
  await Promise.all([...byImage].map(async ([image, users]) => {
    const first = users[0] ?? '';
    const config = project.model.services[first] ?? {};
    let id = await inspectImage(docker, image);
    if (id === undefined) {
      if (config.build) {
        throw new ServiceFailedError('image_not_built', first, `Image ${image} for service ${first} is not built yet`, [], 'Build it first: `slipway up --build`.');
      }
      if (config.pull_policy === 'never') {
        throw new ServiceFailedError('image_missing', first, `Image ${image} for service ${first} is not present and pull_policy is "never"`, [], `Pull or build ${image} first, or add a build: section and run \`slipway up --build\`.`);
      }
      await pull(docker, image, first, report, signal);
      id = await inspectImage(docker, image);
      if (id === undefined) throw new ServiceFailedError('image_missing', first, `Image ${image} for service ${first} is still missing after pulling`);
    }
    for (const service of users) ids.set(service, id);
  }));
  return ids;
}

async function inspectImage(docker: Docker, image: string): Promise<ImageInfo | undefined> {
  try {
    const info = await docker.getImage(image).inspect();
    const test = info.Config.Healthcheck?.Test;
    return {
      id: info.Id,
      healthcheck: Array.isArray(test) && test.length > 0 && test[0] !== 'NONE',
      volumes: Object.keys(info.Config.Volumes ?? {}).map(cleanPath),
    };
  } catch (error) {
    if (statusCode(error) === 404) return undefined;
    throw error;
  }
}

async function pull(docker: Docker, image: string, service: string, report: ImageReporter, signal?: AbortSignal): Promise<void> {
  report(image, 'Pulling');
  try {
    const stream = (await docker.pull(image, signal ? { abortSignal: signal } : {})) as NodeJS.ReadableStream;
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(stream, (error: Error | null) => (error ? reject(error) : resolve()), (event: { status?: string; id?: string; progress?: string; error?: string }) => {
        if (event.error) return;
        if (event.status && event.id) report(image, `${event.id}: ${event.status}${event.progress ? ` ${event.progress}` : ''}`);
      });
    });
  } catch (error) {
    throw new ServiceFailedError('image_pull_failed', service, `Image ${image} for service ${service} could not be pulled: ${dockerMessage(error)}`, [], `Check the image name, log in with \`docker login\` if the registry needs it, or add a build: section to ${service} and run \`slipway up --build\`.`);
  }
  report(image, 'Pulled');
}
