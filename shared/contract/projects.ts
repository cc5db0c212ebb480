import { z } from 'zod';
import { defineCall } from './define';
import { Nothing, ProjectRef } from './common';

export const OpenProjectInput = z.object({
  /** A folder (discovery runs there and in its parents) or a compose file. */
  path: z.string().min(1).max(4096),
  files: z.array(z.string().max(4096)).max(50).optional(),
  profiles: z.array(z.string().max(200)).max(50).optional(),
  envFiles: z.array(z.string().max(4096)).max(50).optional(),
  projectName: z.string().max(200).optional(),
  /** `--project-directory`: the project's folder, instead of the first compose file's. */
  projectDirectory: z.string().min(1).max(4096).optional(),
  /** Services named on a command line: each is enabled even when its profile is not active. */
  services: z.array(z.string().min(1).max(200)).max(500).optional(),
  /**
   * With `projectName`: when no compose file is found, open the project by that name alone,
   * known by its containers' labels (as `docker compose -p NAME down` works without a file).
   */
  orByName: z.boolean().optional(),
  /**
   * Open for one command only (the CLI): not added to the recent projects, no per-project
   * preferences (default profiles, auto-watch) applied.
   */
  transient: z.boolean().optional(),
});
export type OpenProjectInput = z.infer<typeof OpenProjectInput>;

export const ProjectSummary = z.object({
  projectId: z.string(),
  name: z.string(),
  workingDir: z.string(),
  configFiles: z.array(z.string()),
  profiles: z.array(z.string()),
  services: z.array(z.string()),
  warnings: z.array(z.string()),
  /** True when the project was opened by name alone (orByName): it has no compose file. */
  byName: z.boolean().optional(),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const ProjectDetail = ProjectSummary.extend({
  /** The resolved compose model (as `config --json` prints it). */
  model: z.record(z.string(), z.unknown()),
  /** Dependencies per service. */
  dependencies: z.record(z.string(), z.array(z.string())),
});
export type ProjectDetail = z.infer<typeof ProjectDetail>;

/** The project as `slipway config` prints it, in each of its forms. */
export const ProjectConfig = z.object({
  /** The resolved model as YAML (`config`) and as JSON (`config --json`). */
  yaml: z.string(),
  json: z.string(),
  services: z.array(z.string()),
  /** Every profile the file names, enabled or not, sorted. */
  profiles: z.array(z.string()),
  volumes: z.array(z.string()),
  /** Each service's image (`image:`, or `<project>-<service>`). */
  images: z.array(z.string()),
});
export type ProjectConfig = z.infer<typeof ProjectConfig>;

export const projectCalls = {
  'projects.open': defineCall({ input: OpenProjectInput, output: ProjectSummary }),
  'projects.reload': defineCall({ input: ProjectRef, output: ProjectSummary }),
  'projects.list': defineCall({ input: z.object({}), output: z.array(ProjectSummary) }),
  'projects.get': defineCall({ input: ProjectRef, output: ProjectDetail }),
  'projects.close': defineCall({ input: ProjectRef, output: Nothing }),
  /** The resolved project to print; refuses two services with one container_name, as Compose's config does. */
  'projects.config': defineCall({ input: ProjectRef, output: ProjectConfig }),
};

export const projectEvents = {
  'project.opened': ProjectSummary,
  'project.closed': ProjectRef,
};
