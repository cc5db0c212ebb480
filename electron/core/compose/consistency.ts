import { SlipwayError } from '../../../shared/errors';
import type { ContainerNameConflict, Project } from '../../../shared/model/project';
import type { Dict } from './types';
import { isDict } from './types';
import type { ComposeSource } from './yaml-source';

/**
 * What the schema cannot say: a service needs an image or a build; names it refers to
 * (services, networks, volumes, secrets, configs) must exist. Runs on the merged model
 * of the active services; messages point at the file a service was last defined in.
 */
export function checkConsistency(model: Dict, services: Record<string, Dict>, allServices: Dict, origins: Map<string, ComposeSource>): ContainerNameConflict[] {
  const where = (service: string, path: (string | number)[]) => {
    const source = origins.get(service);
    return source ? `${source.where(['services', service, ...path])}: ` : '';
  };
  const fail = (service: string, path: (string | number)[], message: string, hint: string): never => {
    throw new SlipwayError('compose_invalid', `${where(service, path)}${message}`, hint);
  };
  const networks = isDict(model.networks) ? model.networks : {};
  const volumes = isDict(model.volumes) ? model.volumes : {};
  const secrets = isDict(model.secrets) ? model.secrets : {};
  const configs = isDict(model.configs) ? model.configs : {};
  const containerNames = new Map<string, string>();
  const conflicts: ContainerNameConflict[] = [];
  for (const [name, s] of Object.entries(services)) {
    if (typeof s.container_name === 'string') {
      const other = containerNames.get(s.container_name);
      if (other !== undefined) {
        conflicts.push({ services: [other, name], message: `${where(name, ['container_name'])}services.${name}: container name ${JSON.stringify(s.container_name)} is already used by service ${JSON.stringify(other)}` });
      } else containerNames.set(s.container_name, name);
    }
    checkReplicas(name, s, fail);
    if (s.image === undefined && s.build === undefined && s.provider === undefined) {
      fail(name, [], `service ${JSON.stringify(name)} has neither an image nor a build context specified`, 'Add `image:` or `build:` to the service.');
    }
    if (s.network_mode !== undefined && isDict(s.networks) && Object.keys(s.networks).length > 0) {
      fail(name, ['network_mode'], `service ${JSON.stringify(name)} declares mutually exclusive network_mode and networks`, 'Use one of them.');
    }
    for (const link of Array.isArray(s.links) ? s.links : []) {
      const target = String(link).split(':')[0] ?? '';
      if (!(target in allServices)) fail(name, ['links'], `service ${JSON.stringify(name)} links to undefined service ${JSON.stringify(target)}`, 'Define that service or remove the link.');
    }
    if (typeof s.network_mode === 'string' && s.network_mode.startsWith('service:')) {
      const target = s.network_mode.slice('service:'.length);
      if (!(target in allServices)) fail(name, ['network_mode'], `service ${JSON.stringify(name)} uses the network stack of undefined service ${JSON.stringify(target)}`, 'Name a service of this project.');
    }
    for (const from of Array.isArray(s.volumes_from) ? s.volumes_from : []) {
      const text = String(from);
      if (text.startsWith('container:')) continue;
      const target = text.split(':')[0] ?? '';
      if (!(target in allServices)) fail(name, ['volumes_from'], `service ${JSON.stringify(name)} mounts volumes from undefined service ${JSON.stringify(target)}`, 'Name a service of this project, or use container:NAME.');
    }
    for (const dep of Object.keys(isDict(s.depends_on) ? s.depends_on : {})) {
      const spec = isDict(s.depends_on) ? s.depends_on[dep] : undefined;
      const required = !(isDict(spec) && spec.required === false);
      if (!(dep in allServices)) {
        if (required) fail(name, ['depends_on', dep], `service ${JSON.stringify(name)} depends on undefined service ${JSON.stringify(dep)}`, 'Define that service or remove the dependency.');
      } else if (!(dep in services) && required) {
        const target = allServices[dep];
        const profiles = isDict(target) && Array.isArray(target.profiles) ? target.profiles.join(', ') : '';
        fail(name, ['depends_on', dep], `service ${JSON.stringify(name)} depends on service ${JSON.stringify(dep)}, which is disabled by profiles`, `Enable one of its profiles (${profiles}) with --profile, or mark the dependency required: false.`);
      }
      if (dep === name) fail(name, ['depends_on', dep], `service ${JSON.stringify(name)} depends on itself`, 'Remove the dependency.');
    }
    for (const net of Object.keys(isDict(s.networks) ? s.networks : {})) {
      if (net !== 'default' && !(net in networks)) fail(name, ['networks', net], `service ${JSON.stringify(name)} refers to undefined network ${net}`, 'Declare it under the top-level networks:.');
    }
    (Array.isArray(s.volumes) ? s.volumes : []).forEach((v, i) => {
      if (isDict(v) && v.type === 'volume' && typeof v.source === 'string' && v.source !== '' && !(v.source in volumes)) {
        fail(name, ['volumes', i], `service ${JSON.stringify(name)} refers to undefined volume ${v.source}`, 'Declare it under the top-level volumes:.');
      }
    });
    for (const [kind, defined] of [['secrets', secrets], ['configs', configs]] as const) {
      (Array.isArray(s[kind]) ? (s[kind] as unknown[]) : []).forEach((ref, i) => {
        const source = typeof ref === 'string' ? ref : isDict(ref) ? String(ref.source) : '';
        if (!(source in defined)) fail(name, [kind, i], `service ${JSON.stringify(name)} refers to undefined ${kind.slice(0, -1)} ${source}`, `Declare it under the top-level ${kind}:.`);
      });
    }
  }
  return conflicts;
}

/**
 * `scale` and `deploy.replicas` as compose-go's validation checks them: not negative, the same
 * number when both are set, and not above 1 with a `container_name` (names must be unique).
 */
function checkReplicas(name: string, s: Dict, fail: (service: string, path: (string | number)[], message: string, hint: string) => never): void {
  const scale = typeof s.scale === 'number' ? s.scale : undefined;
  const replicas = isDict(s.deploy) && typeof s.deploy.replicas === 'number' ? s.deploy.replicas : undefined;
  if (scale !== undefined && scale < 0) fail(name, ['scale'], `services.${name}.scale: must be greater than or equal to 0`, 'Use 0 or more replicas.');
  if (replicas !== undefined && replicas < 0) fail(name, ['deploy', 'replicas'], `services.${name}.deploy.replicas: must be greater than or equal to 0`, 'Use 0 or more replicas.');
  if (scale !== undefined && replicas !== undefined && scale !== replicas) {
    fail(name, ['scale'], `services.${name}: can't set distinct values on 'scale' and 'deploy.replicas'`, 'Keep one of them, or give both the same number.');
  }
  if ((scale ?? replicas ?? 1) > 1 && typeof s.container_name === 'string') {
    const attribute = scale !== undefined ? 'scale' : 'deploy.replicas';
    fail(name, ['container_name'], `services.${name}: can't set container_name and ${attribute} as container name must be unique`, `Remove container_name to run several replicas (they are named <project>-${name}-1, -2, …), or set ${attribute} to 1.`);
  }
}

/**
 * Two of `services` that would both be created under one `container_name`: refused, as
 * Compose's CheckContainerNameUnicity does on the services it creates (and in `config`).
 */
export function assertUniqueContainerNames(project: Project, services: readonly string[]): void {
  const selected = new Set(services);
  const conflict = (project.containerNameConflicts ?? []).find((c) => selected.has(c.services[0]) && selected.has(c.services[1]));
  if (conflict) throw new SlipwayError('compose_invalid', conflict.message, 'Give each service its own container_name, or remove it.');
}
