import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type Docker from 'dockerode';
import { pack } from 'tar-stream';
import { parseDurationMs } from '../../../shared/duration';
import { SlipwayError } from '../../../shared/errors';
import type { Project } from '../../../shared/model/project';
import { patternMatcher, readDockerignore } from './path-filter';
import { recreateService, type StackCore } from '../stack';
import { PROJECT_LABEL, SERVICE_LABEL } from './service-containers';
import { listTree } from './sync-files';
import { localContext } from './watch-plan';

/**
 * What `rebuild` needs: build the service's image, then recreate its containers from it.
 * The images and stack rooms provide the real thing; `dockerRebuild` below is a plain
 * Docker fallback so the watch room works on its own.
 */
export interface RebuildDriver {
  rebuild(project: Project, service: string): Promise<void>;
}

export function dockerRebuild(docker: Docker): RebuildDriver {
  return {
    async rebuild(project, service) {
      const image = await buildServiceImage(docker, project, service);
      await recreateServiceContainers(docker, project, service, image);
    },
  };
}

/**
 * Build here, then let the stack room recreate the service from the new image (same
 * container spec, labels and config hash as `slipway up`), waiting until it is ready.
 */
export function stackRebuild(core: StackCore): RebuildDriver {
  return {
    async rebuild(project, service) {
      await buildServiceImage(core.docker().docker, project, service);
      await recreateService(core, project, service);
    },
  };
}

/** The image a built service runs: `image:` or Compose's `<project>-<service>`. */
export function builtImageName(project: Project, service: string): string {
  return project.model.services[service]?.image ?? `${project.name}-${service}`;
}

async function buildServiceImage(docker: Docker, project: Project, service: string): Promise<string> {
  const config = project.model.services[service];
  const context = config ? localContext(config) : undefined;
  if (!config?.build || !context) {
    throw new SlipwayError('watch_rebuild_no_build', `Service ${service} has a rebuild rule but no local build context`, 'Add `build:` with a local context to the service, or use `restart` or `sync` instead of `rebuild`.');
  }
  const tag = builtImageName(project, service);
  const ignore = patternMatcher(readDockerignore(context));
  const files = await listTree(context, (absolute) => {
    const relative = path.relative(context, absolute).split(path.sep).join('/');
    return relative !== 'Dockerfile' && relative !== '.dockerignore' && (ignore?.matches(relative) ?? false);
  });
  const tar = pack();
  for (const file of files) {
    tar.entry({ name: path.relative(context, file).split(path.sep).join('/'), mode: 0o644 }, await readFile(file));
  }
  let dockerfile = config.build.dockerfile ?? 'Dockerfile';
  if (config.build.dockerfile_inline) {
    dockerfile = '.slipway-inline.Dockerfile';
    tar.entry({ name: dockerfile }, config.build.dockerfile_inline);
  }
  tar.finalize();
  const buildargs = Object.fromEntries(Object.entries(config.build.args ?? {}).filter((e): e is [string, string] => e[1] !== null));
  const stream = await docker.buildImage(tar as unknown as NodeJS.ReadableStream, {
    t: tag,
    dockerfile,
    buildargs,
    ...(config.build.target ? { target: config.build.target } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (error, output: Array<{ error?: string }> | null) => {
      const failed = error ?? output?.find((o) => o.error)?.error;
      if (failed) reject(new SlipwayError('watch_build_failed', `Building ${service} failed: ${String(failed instanceof Error ? failed.message : failed).trim()}`, 'Fix the Dockerfile or the build context; the watcher rebuilds on the next save.'));
      else resolve();
    });
  });
  return tag;
}

/** Recreates each container of the service from the new image, keeping its name, config and networks. */
async function recreateServiceContainers(docker: Docker, project: Project, service: string, image: string): Promise<void> {
  const containers = await docker.listContainers({ all: true, filters: { label: [`${PROJECT_LABEL}=${project.name}`, `${SERVICE_LABEL}=${service}`] } });
  const grace = parseDurationMs(project.model.services[service]?.stop_grace_period);
  for (const summary of containers) {
    const old = docker.getContainer(summary.Id);
    const info = await old.inspect();
    const wasRunning = info.State.Running;
    const name = info.Name.replace(/^\//, '');
    const networks = info.NetworkSettings.Networks ?? {};
    const [firstNetwork, ...otherNetworks] = Object.entries(networks);
    const endpoint = (settings: Docker.NetworkInfo) => ({ Aliases: (settings.Aliases ?? []).filter((a: string) => a !== info.Config.Hostname && !info.Id.startsWith(a)) });
    if (wasRunning) await old.stop(grace === undefined ? {} : { t: Math.ceil(grace / 1000) }).catch(() => undefined);
    await old.remove({ force: true });
    const created = await docker.createContainer({
      ...info.Config,
      name,
      Image: image,
      HostConfig: info.HostConfig,
      ...(firstNetwork && info.HostConfig.NetworkMode !== 'host' ? { NetworkingConfig: { EndpointsConfig: { [firstNetwork[0]]: endpoint(firstNetwork[1]) } } } : {}),
    });
    for (const [network, settings] of otherNetworks) {
      await docker.getNetwork(network).connect({ Container: created.id, EndpointConfig: endpoint(settings) });
    }
    if (wasRunning) await created.start();
  }
}
