import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import type { Project, ServiceConfig } from '../../../shared/model/project';
import { LABEL } from '../state/compose-labels';
import { containerSpec, type ContainerSpec, type PeerContainers } from './container-spec';

/** What `run` changes of the service for its one-off container. */
export interface OneOffOptions {
  command?: string[];
  entrypoint?: string[];
  env?: Record<string, string>;
  user?: string;
  workdir?: string;
  name?: string;
  servicePorts?: boolean;
  tty?: boolean;
  interactive?: boolean;
  rm?: boolean;
}

/**
 * The create options of a one-off container as Compose makes it (pkg/compose/run.go): named
 * `<project>-<service>-run-<12 hex>`, labelled `oneoff=True` with its slug, no restart
 * policy, no published ports unless `servicePorts`, no network aliases, stdin kept open.
 */
export function oneOffSpec(project: Project, service: string, imageId: string, options: OneOffOptions, peers: PeerContainers = {}): ContainerSpec {
  const base: ServiceConfig = project.model.services[service] ?? {};
  const config: ServiceConfig = {
    ...base,
    ...(options.servicePorts ? {} : { ports: [] }),
    restart: undefined,
    container_name: undefined,
    ...(options.command && options.command.length > 0 ? { command: options.command } : {}),
    ...(options.entrypoint ? { entrypoint: options.entrypoint } : {}),
    ...(options.user !== undefined ? { user: options.user } : {}),
    ...(options.workdir !== undefined ? { working_dir: options.workdir } : {}),
    environment: { ...(base.environment ?? {}), ...(options.env ?? {}) },
    tty: options.tty === true,
    stdin_open: options.interactive !== false,
  };
  const runProject: Project = { ...project, model: { ...project.model, services: { ...project.model.services, [service]: config } } };
  const slug = randomBytes(32).toString('hex');
  const name = options.name ?? `${project.name}-${service}-run-${slug.slice(0, 12)}`;
  const spec = containerSpec(runProject, service, 1, imageId, { name, peers });
  const { options: create } = spec;
  create.Labels = { ...create.Labels, [LABEL.oneoff]: 'True', [LABEL.slug]: slug };
  if (options.entrypoint && options.entrypoint.length === 0) create.Entrypoint = [''];
  if (options.interactive !== false) {
    create.AttachStdin = true;
    create.StdinOnce = true;
  }
  create.AttachStdout = true;
  create.AttachStderr = true;
  if (options.rm) create.HostConfig = { ...create.HostConfig, AutoRemove: true };
  // A one-off container answers to no service alias (Compose's `run` without --use-aliases).
  const endpoints: Record<string, Docker.EndpointSettings> = {};
  for (const [network, settings] of Object.entries(create.NetworkingConfig?.EndpointsConfig ?? {})) endpoints[network] = { ...settings, Aliases: [] };
  if (create.NetworkingConfig) create.NetworkingConfig = { EndpointsConfig: endpoints };
  return { options: create, extraNetworks: spec.extraNetworks.map((n) => ({ name: n.name, aliases: [] })) };
}
