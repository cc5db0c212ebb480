import path from 'node:path';
import type { Project, ProjectOptions } from '../../../shared/model/project';
import { SlipwayError } from '../../../shared/errors';
import type { ProjectSummary } from '../../../shared/contract/projects';
import { loadProject } from '../compose/load-project';

interface OpenProject {
  options: ProjectOptions;
  project: Project;
}

/**
 * The projects open in this core. A project is identified by its Compose project name,
 * as Docker's labels identify it.
 */
export class ProjectRegistry {
  private readonly open = new Map<string, OpenProject>();

  constructor(private readonly env: Record<string, string | undefined>) {}

  async openProject(options: ProjectOptions): Promise<Project> {
    const full: ProjectOptions = { env: this.env, ...options };
    if (full.cwd !== undefined) full.cwd = path.resolve(full.cwd);
    const project = await loadProject(full);
    this.open.set(project.name, { options: full, project });
    return project;
  }

  /**
   * A project known by its name alone (no compose file): its containers' labels say what
   * it has. It has no services of its own and no config files; reloading keeps it as it is.
   */
  openByName(name: string, cwd: string): Project {
    const project: Project = { name, workingDir: path.resolve(cwd), configFiles: [], profiles: [], model: { name, services: {} }, disabledServices: {}, warnings: [] };
    this.open.set(name, { options: {}, project });
    return project;
  }

  async reload(projectId: string): Promise<Project> {
    const entry = this.entry(projectId);
    if (isByName(entry.project)) return entry.project;
    const project = await loadProject(entry.options);
    this.open.delete(projectId);
    this.open.set(project.name, { options: entry.options, project });
    return project;
  }

  get(projectId: string): Project {
    return this.entry(projectId).project;
  }

  list(): Project[] {
    return [...this.open.values()].map((e) => e.project);
  }

  close(projectId: string): void {
    this.open.delete(projectId);
  }

  private entry(projectId: string): OpenProject {
    const entry = this.open.get(projectId);
    if (!entry) throw new SlipwayError('project_not_open', `Project ${projectId} is not open`, 'Open its folder first.');
    return entry;
  }
}

/** Opened by name alone (openByName): no compose file shaped it. */
export function isByName(project: Project): boolean {
  return project.configFiles.length === 0;
}

export function summarize(project: Project): ProjectSummary {
  return {
    ...(isByName(project) ? { byName: true } : {}),
    projectId: project.name,
    name: project.name,
    workingDir: project.workingDir,
    configFiles: project.configFiles,
    profiles: project.profiles,
    services: Object.keys(project.model.services),
    warnings: project.warnings,
  };
}
