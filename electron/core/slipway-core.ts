import type { Handlers } from './api/handlers';
import { dispatch } from './api/dispatch';
import type { CallContext } from './api/handlers';
import type { DockerConnection } from './docker/connect';
import { connectDocker } from './docker/connect';
import { EngineEvents } from './docker/engine-events';
import { CoreEvents } from './events';
import { logHandlers } from './logs/handlers';
import { LogHub } from './logs/log-hub';
import { projectHandlers } from './projects/handlers';
import { stackHandlers } from './stack/handlers';
import { watchHandlers } from './watch/handlers';
import { ProjectRegistry } from './projects/registry';
import { TaskRunner } from './tasks/task-runner';
import type { SettingsBackend } from './settings/backend';
import { JsonFileSettingsBackend } from './settings/json-file-backend';
import { settingsFile } from './settings/paths';
import { SettingsService } from './settings/settings-service';
import { settingsHandlers } from './settings/handlers';

export interface CoreOptions {
  env?: Record<string, string | undefined>;
  /** `--host`. */
  dockerHost?: string;
  /** Log lines kept per service (default 100 000). */
  logRingLines?: number;
  /** Where settings live (default: the shared JSON file, see settings/paths.ts). */
  settings?: SettingsBackend;
}

/**
 * The one engine object the three shells (Electron main, serve, CLI) adapt.
 * Plain Node: no Electron, no React, no DOM.
 */
export class SlipwayCore {
  readonly env: Record<string, string | undefined>;
  readonly events = new CoreEvents();
  readonly tasks = new TaskRunner(this.events);
  readonly projects: ProjectRegistry;
  readonly handlers: Handlers;
  readonly settings: SettingsService;
  private connection: DockerConnection | undefined;
  private engineEventsInstance: EngineEvents | undefined;
  private logHub: LogHub | undefined;

  constructor(private readonly options: CoreOptions = {}) {
    this.env = options.env ?? process.env;
    this.projects = new ProjectRegistry(this.env);
    this.settings = new SettingsService(options.settings ?? new JsonFileSettingsBackend(settingsFile(this.env)), (line) => process.stderr.write(`${line}\n`));
    this.handlers = {
      'tasks.cancel': async (input) => {
        this.tasks.cancel(input.taskId);
        return null;
      },
      ...projectHandlers(this.projects, this.events),
      ...stackHandlers(this),
      ...logHandlers(() => this.logs()),
      ...watchHandlers(this),
      ...settingsHandlers(this.settings, this.events),
    };
  }

  /** The Docker connection, resolved on first use. */
  docker(): DockerConnection {
    if (!this.connection) {
      this.connection = connectDocker({ env: this.env, ...(this.options.dockerHost ? { host: this.options.dockerHost } : {}) });
    }
    return this.connection;
  }

  /** The one Docker events subscription of this core (started on first use). */
  async engineEvents(): Promise<EngineEvents> {
    if (!this.engineEventsInstance) this.engineEventsInstance = new EngineEvents(this.docker().docker);
    await this.engineEventsInstance.start();
    return this.engineEventsInstance;
  }

  /** Log rings, followers and batch subscriptions (made on first use). */
  logs(): LogHub {
    this.logHub ??= new LogHub({
      docker: () => this.docker().docker,
      events: () => this.engineEvents(),
      send: (batch) => this.events.emit('logs.batch', batch),
      ...(this.options.logRingLines !== undefined ? { ringLines: this.options.logRingLines } : {}),
    });
    return this.logHub;
  }

  call(name: string, input: unknown, ctx: CallContext = { clientId: 'local' }) {
    return dispatch(this.handlers, name, input, ctx);
  }

  async dispose(): Promise<void> {
    this.tasks.cancelAll();
    this.logHub?.dispose();
    this.engineEventsInstance?.stop();
  }
}
