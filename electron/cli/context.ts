import type { Writable } from 'node:stream';
import { createClient, type SlipwayClient } from '../../shared/client';
import type { CallInput } from '../../shared/contract';
import type { ProjectSummary } from '../../shared/contract/projects';
import type { SlipwayCore } from '../core';
import type { GlobalOptions } from './global-options';
import { ansiMode, colorRefused, decideColor } from './color-mode';
import { LazyCore } from './lazy-core';

/** What every command gets: the global flags, where to write, and the core's client (made on first use). */
export class CliContext {
  private lazyCore: LazyCore | undefined;
  private longLived = false;
  private clientInstance: SlipwayClient | undefined;

  constructor(
    readonly global: GlobalOptions,
    readonly env: Record<string, string | undefined>,
    readonly cwd: string,
    readonly stdout: Writable & { isTTY?: boolean },
    readonly stderr: Writable & { isTTY?: boolean },
  ) {}

  /** Colour on stdout, as color-mode.ts decides it (--ansi, --no-color, NO_COLOR, FORCE_COLOR, a terminal). */
  get color(): boolean {
    return decideColor({ ...this.colorFlags(), isTTY: Boolean(this.stdout.isTTY) });
  }

  /** Colour on stderr (progress), decided as for stdout. */
  get stderrColor(): boolean {
    return decideColor({ ...this.colorFlags(), isTTY: Boolean(this.stderr.isTTY) });
  }

  /** Colour turned off on purpose (--ansi never, --no-color, NO_COLOR): containers' own escapes are stripped too. */
  get colorRefused(): boolean {
    return colorRefused(this.colorFlags());
  }

  /** Compose-style in-place progress: stderr is a terminal and ANSI is not refused. */
  get liveProgress(): boolean {
    return Boolean(this.stderr.isTTY) && ansiMode(this.colorFlags()) !== 'never';
  }

  private colorFlags() {
    return { ansi: this.global.ansi, noColor: this.global.noColor, env: this.env };
  }

  private lazy(): LazyCore {
    this.lazyCore ??= new LazyCore({ env: this.env, streamSpare: this.longLived, ...(this.global.host ? { dockerHost: this.global.host } : {}) });
    return this.lazyCore;
  }

  /**
   * The in-process core itself (for `serve`, which hands it to the server), loaded on first use;
   * `longLived` (serve) keeps an ssh:// connection dialled ahead for the next stream.
   */
  core(longLived = false): Promise<SlipwayCore> {
    if (longLived && !this.lazyCore) this.longLived = true;
    return this.lazy().load();
  }

  /** The contract's typed client of the in-process core (loaded on the first call): how commands reach the core. */
  client(): SlipwayClient {
    this.clientInstance ??= createClient(this.lazy().transport());
    return this.clientInstance;
  }

  /** projects.open's input for the project the global flags select (-f, -p, --profile, --env-file, --project-directory). */
  openInput(): CallInput<'projects.open'> {
    const g = this.global;
    return {
      path: this.cwd,
      ...(g.files.length > 0 ? { files: g.files } : {}),
      ...(g.projectName !== undefined ? { projectName: g.projectName } : {}),
      ...(g.projectDirectory !== undefined ? { projectDirectory: g.projectDirectory } : {}),
      ...(g.profiles.length > 0 ? { profiles: g.profiles } : {}),
      ...(g.envFiles.length > 0 ? { envFiles: g.envFiles } : {}),
    };
  }

  /**
   * Opens the project the global flags select, for this command only; `services` named on
   * the command line are enabled even when their profile is not active. With `orByName`,
   * `-p NAME` without a compose file opens the project by its containers' labels.
   */
  openProject(options: { services?: readonly string[]; orByName?: boolean } = {}): Promise<ProjectSummary> {
    const services = options.services ?? [];
    return this.client().call('projects.open', {
      ...this.openInput(),
      ...(services.length > 0 ? { services: [...services] } : {}),
      ...(options.orByName ? { orByName: true } : {}),
      transient: true,
    });
  }

  out(line: string): void {
    this.stdout.write(`${line}\n`);
  }

  err(line: string): void {
    this.stderr.write(`${line}\n`);
  }

  async dispose(): Promise<void> {
    await this.lazyCore?.dispose();
  }
}
