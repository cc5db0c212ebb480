import { createHash } from 'node:crypto';
import type { Project, ServiceConfig } from '../../../shared/model/project';
import { LABEL } from '../state/compose-labels';
import { fileObjectDigest, fileObjectMounts } from './file-objects';
import { compareText } from '../../../shared/compare-text';

/** Replaced at build time by the bundler; "dev" when run from source. */
declare const __SLIPWAY_VERSION__: string | undefined;
const SLIPWAY_VERSION: string = typeof __SLIPWAY_VERSION__ === 'string' ? __SLIPWAY_VERSION__ : 'dev';


/** The Compose version our labels follow (tools that parse `com.docker.compose.version` get a Compose-like value). */
const COMPOSE_COMPAT_VERSION = '2.29.0';

/**
 * The config hash as Compose v2 computes it (pkg/compose/hash.go): sha256 of the JSON of the
 * resolved service with build, pull_policy, scale, deploy.replicas, depends_on and profiles
 * removed. Keys are sorted so the hash depends only on the configuration, not on key order.
 */
export function serviceConfigHash(config: ServiceConfig, filesDigest?: string): string {
  const copy: Record<string, unknown> = { ...config };
  // What the service's secrets and configs hold (a digest): a changed secret recreates it.
  if (filesDigest !== undefined) copy['x-slipway-files'] = filesDigest;
  delete copy.build;
  delete copy.pull_policy;
  delete copy.scale;
  delete copy.depends_on;
  delete copy.profiles;
  if (copy.deploy && typeof copy.deploy === 'object') {
    const deploy: Record<string, unknown> = { ...copy.deploy };
    delete deploy.replicas;
    copy.deploy = deploy;
  }
  return createHash('sha256').update(stableJson(copy)).digest('hex');
}

/** JSON with object keys sorted at every level; undefined values dropped. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : stableJson(v))).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => compareText(a, b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

/** `db:service_healthy:false,cache:service_started:false`, as Compose v2 writes it. */
export function dependsOnLabel(config: ServiceConfig): string {
  return Object.entries(config.depends_on ?? {})
    .map(([name, dep]) => `${name}:${dep.condition}:${dep.restart === true}`)
    .join(',');
}

function projectLabels(project: Project): Record<string, string> {
  return {
    [LABEL.project]: project.name,
    [LABEL.workingDir]: project.workingDir,
    [LABEL.configFiles]: project.configFiles.join(','),
    [LABEL.version]: COMPOSE_COMPAT_VERSION,
    [LABEL.slipway]: SLIPWAY_VERSION,
  };
}

/** Every label Compose puts on a service container (so `docker compose ps` and `docker-compose ps` list it). */
export function containerLabels(project: Project, service: string, number: number, imageId: string): Record<string, string> {
  const config = project.model.services[service] ?? {};
  const labels: Record<string, string> = {
    ...(config.labels ?? {}),
    ...projectLabels(project),
    [LABEL.service]: service,
    [LABEL.number]: String(number),
    [LABEL.oneoff]: 'False',
    [LABEL.configHash]: serviceHash(project, service),
    [LABEL.dependsOn]: dependsOnLabel(config),
    [LABEL.image]: imageId,
  };
  return labels;
}

export function networkLabels(project: Project, key: string, userLabels: Record<string, string> = {}): Record<string, string> {
  return { ...userLabels, ...projectLabels(project), [LABEL.network]: key };
}

export function volumeLabels(project: Project, key: string, userLabels: Record<string, string> = {}): Record<string, string> {
  return { ...userLabels, ...projectLabels(project), [LABEL.volume]: key };
}


/** The config hash of one service of the project, with its secrets' and configs' content. */
export function serviceHash(project: Project, service: string): string {
  return serviceConfigHash(project.model.services[service] ?? {}, fileObjectDigest(fileObjectMounts(project, service)));
}
