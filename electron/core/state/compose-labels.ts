/**
 * The labels Compose puts on containers, networks and volumes: how every reader of the
 * engine (this state room, logs, exec, watch) and the stack room that writes them name them.
 */
export const LABEL = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  number: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
  /** On a one-off (`run`) container: the random id its name ends with (the first 12 hex of it). */
  slug: 'com.docker.compose.slug',
  configHash: 'com.docker.compose.config-hash',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  environmentFile: 'com.docker.compose.project.environment_file',
  dependsOn: 'com.docker.compose.depends_on',
  image: 'com.docker.compose.image',
  version: 'com.docker.compose.version',
  network: 'com.docker.compose.network',
  volume: 'com.docker.compose.volume',
  /** On a recreated container: the name of the one it replaced. */
  replace: 'com.docker.compose.replace',
  /** Ours: which Slipway made the resource (Compose-made ones lack it). */
  slipway: 'dev.slipway.version',
} as const;

/** A one-off (`run`) container: Compose marks it so; Slipway leaves it out of a project's services. */
export function isOneOff(labels: Record<string, string> | undefined): boolean {
  return (labels?.[LABEL.oneoff] ?? 'False').toLowerCase() === 'true';
}

/** The engine filter for everything of one project. */
export function projectFilter(projectName: string): { label: string[] } {
  return { label: [`${LABEL.project}=${projectName}`] };
}
