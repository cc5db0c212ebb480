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
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const ProjectDetail = ProjectSummary.extend({
  /** The resolved compose model (as `config --json` prints it). */
  model: z.record(z.string(), z.unknown()),
  /** Dependencies per service. */
  dependencies: z.record(z.string(), z.array(z.string())),
});
export type ProjectDetail = z.infer<typeof ProjectDetail>;

export const projectCalls = {
  'projects.open': defineCall({ input: OpenProjectInput, output: ProjectSummary }),
  'projects.reload': defineCall({ input: ProjectRef, output: ProjectSummary }),
  'projects.list': defineCall({ input: z.object({}), output: z.array(ProjectSummary) }),
  'projects.get': defineCall({ input: ProjectRef, output: ProjectDetail }),
  'projects.close': defineCall({ input: ProjectRef, output: Nothing }),
};

export const projectEvents = {
  'project.opened': ProjectSummary,
  'project.closed': ProjectRef,
};
