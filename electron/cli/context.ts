import type { Writable } from 'node:stream';
import type { SlipwayClient } from '../../shared/client';
import type { Project, ProjectOptions } from '../../shared/model/project';
import { SlipwayCore } from '../core/slipway-core';
import type { GlobalOptions } from './global-options';

/** What every command gets: the global flags, where to write, and the core (made on first use). */
export class CliContext {
  private coreInstance: SlipwayCore | undefined;

  constructor(
    readonly global: GlobalOptions,
    readonly env: Record<string, string | undefined>,
    readonly cwd: string,
    readonly stdout: Writable & { isTTY?: boolean },
    readonly stderr: Writable & { isTTY?: boolean },
  ) {}

  /** Colour on a terminal unless --no-color or NO_COLOR. */
  get color(): boolean {
    return !this.global.noColor && this.env.NO_COLOR === undefined && Boolean(this.stdout.isTTY);
  }

  core(): SlipwayCore {
    if (!this.coreInstance) {
      this.coreInstance = new SlipwayCore({ env: this.env, ...(this.global.host ? { dockerHost: this.global.host } : {}) });
    }
    return this.coreInstance;
  }

  /** The contract's typed client of the core: how a command reaches it. */
  client(): SlipwayClient {
    return this.core().client();
  }

  projectOptions(): ProjectOptions {
    const options: ProjectOptions = { cwd: this.cwd, env: this.env };
    if (this.global.files.length > 0) options.files = this.global.files;
    if (this.global.projectName !== undefined) options.projectName = this.global.projectName;
    if (this.global.projectDirectory !== undefined) options.projectDirectory = this.global.projectDirectory;
    if (this.global.profiles.length > 0) options.profiles = this.global.profiles;
    if (this.global.envFiles.length > 0) options.envFiles = this.global.envFiles;
    return options;
  }

  /**
   * Loads the project the global flags select and keeps it open in the core; `services`
   * named on the command line are enabled even when their profile is not active.
   */
  loadProject(services: readonly string[] = []): Promise<Project> {
    return this.core().projects.openProject({ ...this.projectOptions(), ...(services.length > 0 ? { services: [...services] } : {}) });
  }

  out(line: string): void {
    this.stdout.write(`${line}\n`);
  }

  err(line: string): void {
    this.stderr.write(`${line}\n`);
  }

  async dispose(): Promise<void> {
    await this.coreInstance?.dispose();
  }
}
