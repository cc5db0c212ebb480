import type { Project, ServiceConfig } from '../../../shared/model/project';
import { compareText } from '../../../shared/compare-text';

/** Compose v2's container name: `<project>-<service>-<n>`, unless `container_name` is set. */
export function containerName(project: Project, service: string, number = 1): string {
  const config = project.model.services[service];
  if (config?.container_name) return config.container_name;
  return `${project.name}-${service}-${number}`;
}

/** The networks a service joins (key = network key in the file), `default` when none is set. */
export function serviceNetworkKeys(config: ServiceConfig): string[] {
  if (config.network_mode !== undefined) return [];
  const keys = Object.keys(config.networks ?? {});
  if (keys.length === 0) return ['default'];
  return keys.sort((a, b) => (config.networks?.[b]?.priority ?? 0) - (config.networks?.[a]?.priority ?? 0) || compareText(a, b));
}

/** Docker name of a project network: `name:` if set, otherwise `<project>_<key>`. */
export function networkName(project: Project, key: string): string {
  const config = project.model.networks?.[key];
  if (config?.name) return config.name;
  return `${project.name}_${key}`;
}

/** Docker name of a project volume: `name:` if set, otherwise `<project>_<key>`. */
export function volumeName(project: Project, key: string): string {
  const config = project.model.volumes?.[key];
  if (config?.name) return config.name;
  return `${project.name}_${key}`;
}

/** Stop timeout in whole seconds from `stop_grace_period` (Docker's default 10 s when unset). */
export function stopTimeoutSeconds(config: ServiceConfig, parse: (text: string) => number | undefined): number | undefined {
  if (config.stop_grace_period === undefined) return undefined;
  const ms = parse(config.stop_grace_period);
  return ms === undefined ? undefined : Math.ceil(ms / 1000);
}
