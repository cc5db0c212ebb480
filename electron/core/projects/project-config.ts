import type { ProjectConfig } from '../../../shared/contract/projects';
import type { Project } from '../../../shared/model/project';
import { assertUniqueContainerNames } from '../compose/consistency';
import { configJson, configYaml } from '../compose/print-config';
import { serviceImage } from '../compose/service-image';

/**
 * The project as `slipway config` prints it (projects.config). Like Compose's config, it
 * refuses two services that set the same container_name.
 */
export function projectConfig(project: Project): ProjectConfig {
  const services = Object.keys(project.model.services);
  assertUniqueContainerNames(project, services);
  const profiles = new Set<string>();
  for (const service of Object.values(project.model.services)) for (const p of service.profiles ?? []) profiles.add(p);
  for (const list of Object.values(project.disabledServices)) for (const p of list) profiles.add(p);
  return {
    yaml: configYaml(project.model),
    json: configJson(project.model),
    services,
    profiles: [...profiles].sort(),
    volumes: Object.keys(project.model.volumes ?? {}),
    images: Object.keys(project.model.services).map((name) => serviceImage(project, name)),
  };
}
