import type Docker from 'dockerode';

export interface ServiceContainerOptions {
  number?: number;
  tty?: boolean;
  restart?: 'no' | 'always' | 'unless-stopped';
  start?: boolean;
  env?: string[];
}

/**
 * A container as Compose would make it for `service` of `project` (same labels), so the
 * logs, state and exec rooms can be tested without the orchestrator.
 */
export async function createServiceContainer(docker: Docker, project: string, service: string, script: string, options: ServiceContainerOptions = {}): Promise<Docker.Container> {
  const number = options.number ?? 1;
  const container = await docker.createContainer({
    name: `${project}-${service}-${number}`,
    Image: 'busybox:latest',
    Cmd: ['sh', '-c', script],
    Tty: options.tty ?? false,
    Env: options.env ?? [],
    Labels: {
      'com.docker.compose.project': project,
      'com.docker.compose.service': service,
      'com.docker.compose.container-number': String(number),
      'com.docker.compose.oneoff': 'False',
    },
    HostConfig: { NetworkMode: 'none', Init: true, RestartPolicy: { Name: options.restart ?? 'no' } },
    StopTimeout: 1,
  });
  if (options.start !== false) await container.start();
  return container;
}

/** Waits for the container to exit and returns its code. */
export async function waitExit(container: Docker.Container): Promise<number> {
  const result = (await container.wait()) as { StatusCode: number };
  return result.StatusCode;
}
