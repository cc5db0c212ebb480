import { spawn } from 'node:child_process';
import path from 'node:path';
import type Docker from 'dockerode';
import { SlipwayError } from '../../../shared/errors';
import type { OpenInResult, OpenTarget } from '../../../shared/contract/open-in';
import type { Project } from '../../../shared/model/project';
import { listProjectContainers } from '../state/container-list';
import { findProgram } from './find-program';
import { attachedContainerUri, codeFallbacks, terminalCommand, type Argv } from './open-commands';

export interface OpenInDeps {
  docker(): Docker;
  project(projectId: string): Project;
  env: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
}

/**
 * "Open in…" for one service: VS Code on the project folder (a service with a bind mount,
 * whose source is live there) or attached to the running container; the user's terminal
 * running a shell in it. Each says what to install when its program is missing.
 */
export class OpenInService {
  constructor(private readonly deps: OpenInDeps) {}

  private get platform(): NodeJS.Platform {
    return this.deps.platform ?? process.platform;
  }

  private find(program: string): string | undefined {
    return findProgram(program, this.deps.env, this.platform);
  }

  async open(projectId: string, service: string, target: OpenTarget): Promise<OpenInResult> {
    const project = this.deps.project(projectId);
    if (!project.model.services[service]) throw new SlipwayError('unknown_service', `Project ${project.name} has no service ${service}`);
    return target === 'editor' ? this.editor(project, service) : this.terminal(project, service);
  }

  private async editor(project: Project, service: string): Promise<OpenInResult> {
    const code = this.find('code') ?? codeFallbacks(this.platform, this.deps.env).map((p) => findProgram(p, this.deps.env, this.platform)).find(Boolean);
    if (!code) {
      throw new SlipwayError('program_missing', "VS Code's `code` command was not found", 'Install VS Code (code.visualstudio.com); on macOS run "Shell Command: Install \'code\' command in PATH" from its Command Palette. Attaching to a container also needs its Dev Containers extension.');
    }
    const binds = (project.model.services[service]?.volumes ?? []).filter((v) => v.type === 'bind' && v.source);
    if (binds.length > 0) {
      await launch([code, project.workingDir], this.deps.env);
      return { program: 'VS Code', opened: `the project folder ${project.workingDir} (${service} mounts its source from there)` };
    }
    const container = await this.runningContainer(project, service);
    const info = await this.deps.docker().getContainer(container).inspect();
    const name = info.Name.replace(/^\//, '');
    await launch([code, '--folder-uri', attachedContainerUri(name, info.Config.WorkingDir || '/')], this.deps.env);
    return { program: 'VS Code', opened: `attached to container ${name}` };
  }

  private async terminal(project: Project, service: string): Promise<OpenInResult> {
    const container = await this.runningContainer(project, service);
    const slipway = this.find('slipway');
    const docker = this.find('docker');
    let shell: string[];
    if (slipway) shell = [slipway, '--project-directory', project.workingDir, '-p', project.name, 'exec', service, 'sh'];
    else if (docker) shell = [docker, 'exec', '-it', container, 'sh'];
    else throw new SlipwayError('program_missing', 'Neither the slipway CLI nor the docker CLI is on PATH, so a terminal has nothing to run', 'Put the slipway command on PATH (`npm link` in the Slipway folder) or install the Docker CLI, then try again.');
    const argv = terminalCommand(shell, this.platform, this.deps.env, (program) => this.find(program));
    if (!argv) {
      throw new SlipwayError('program_missing', 'No terminal program was found', 'Install one (gnome-terminal, konsole, xterm…) or set $TERMINAL to yours, then try again.');
    }
    await launch(argv, this.deps.env);
    return { program: path.basename(argv[0]), opened: `a shell in ${service} (${container})` };
  }

  /** The first running replica's name, or a clear error. */
  private async runningContainer(project: Project, service: string): Promise<string> {
    const running = (await listProjectContainers(this.deps.docker(), project.name, [service])).filter((c) => c.state === 'running');
    const first = running[0];
    if (!first) throw new SlipwayError('not_running', `Service ${service} is not running`, `Start it first: \`slipway up ${service}\`.`);
    return first.name;
  }
}

/** Starts a program on its own (detached, no output kept); resolves once it started. */
function launch(argv: Argv, env: Record<string, string | undefined>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: 'ignore', detached: true, env });
    child.once('error', (error) => reject(new SlipwayError('program_failed', `${path.basename(argv[0])} could not be started: ${error.message}`)));
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
