import { createClient, type SlipwayClient, type SlipwayTransport } from '../../shared/client';
import { isEventName } from '../../shared/contract';
import { SlipwayError } from '../../shared/errors';
import type { Handlers } from './api/handlers';
import { dispatch } from './api/dispatch';
import { ClientSessions } from './api/client-session';
import type { CallContext } from './api/handlers';
import type { DockerConnection } from './docker/connect';
import { connectDocker } from './docker/connect';
import { EngineEvents } from './docker/engine-events';
import { explainEngineGone } from './docker/engine-gone';
import { explainUnreachable } from './docker/unreachable';
import { CoreEvents } from './events';
import { imagesHandlers } from './images/handlers';
import { ImagesService } from './images/images-service';
import { logHandlers } from './logs/handlers';
import { LogHub } from './logs/log-hub';
import { stateHandlers } from './state/handlers';
import { eventsHandlers } from './state/events-handlers';
import { ProjectEventStreams } from './state/project-events';
import { StateFeed } from './state/state-feed';
import { execHandlers } from './exec/handlers';
import { ExecSessions } from './exec/exec-sessions';
import { projectHandlers } from './projects/handlers';
import { stackHandlers } from './stack/handlers';
import { stackOpsHandlers } from './stack/ops-handlers';
import { watchHandlers } from './watch/handlers';
import { WatchManager } from './watch/watch-manager';
import { stackRebuild } from './watch/rebuild';
import { ProjectRegistry } from './projects/registry';
import { LiveFileManager } from './livefile/live-file-manager';
import { followOpenProjects, liveFileHandlers } from './livefile/handlers';
import { TaskRunner, taskWord } from './tasks/task-runner';
import type { SettingsBackend } from './settings/backend';
import { JsonFileSettingsBackend } from './settings/json-file-backend';
import { settingsFile } from './settings/paths';
import { SettingsService } from './settings/settings-service';
import { settingsHandlers } from './settings/handlers';
import { hostHandlers } from './hosts/handlers';
import { doctorHandlers } from './doctor/handlers';
import { HostService } from './hosts/host-service';
import { DoctorService } from './doctor/doctor-service';
import { proxyHandlers } from './proxy/handlers';
import { openInHandlers } from './open-in/handlers';
import { OpenInService } from './open-in/open-in-service';
import { ServiceProxyRoom } from './proxy/proxy-room';
import { listProjectContainers } from './state/container-list';
import { LABEL } from './state/compose-labels';
import type { EngineEvent } from './docker/engine-events';
import { timelineHandlers, type TimelineRoom } from './timeline/handlers';
import { recorded } from './timeline/record-around';
import { TimelineRecorder } from './timeline/timeline-recorder';
import { TimelineStore } from './timeline/timeline-store';
import { timelinesDir } from './settings/paths';
import { statsHandlers } from './stats/handlers';
import { StatsHub } from './stats/stats-hub';
import { SharesService } from './shares/shares-service';
import { sharesHandlers } from './shares/handlers';

export { ClientSessions, type ClientSession, type SessionAnswer, type SessionEvent } from './api/client-session';

export interface CoreOptions {
  env?: Record<string, string | undefined>;
  /** `--host`. */
  dockerHost?: string;
  /** Log lines kept per service (default 100 000). */
  logRingLines?: number;
  /** Where settings live (default: the shared JSON file, see settings/paths.ts). */
  settings?: SettingsBackend;
  /** ssh:// hosts: keep a connection dialled ahead for the next stream (shells that live long). */
  streamSpare?: boolean;
}

/**
 * The one engine object the three shells (Electron main, serve, CLI) adapt.
 * Plain Node: no Electron, no React, no DOM.
 */
export class SlipwayCore {
  readonly env: Record<string, string | undefined>;
  readonly events = new CoreEvents();
  readonly tasks = new TaskRunner(this.events, (error, kind) => explainEngineGone(this.connection, this.env, this.explain(error), taskWord(kind)));
  /** The bridges' clients and what each owns (shared/contract/resources.ts). */
  readonly sessions = new ClientSessions((name, input, ctx) => this.call(name, input, ctx));
  readonly projects: ProjectRegistry;
  readonly handlers: Handlers;
  readonly settings: SettingsService;
  /** Build and push: one service, so `images.build` and watch's rebuild build alike. */
  readonly images: ImagesService;
  private connection: DockerConnection | undefined;
  private engineEventsInstance: EngineEvents | undefined;
  private hostService: HostService | undefined;
  private doctorService: DoctorService | undefined;
  private logHub: LogHub | undefined;
  private stateFeed: StateFeed | undefined;
  private execSessions: ExecSessions | undefined;
  private eventStreams: ProjectEventStreams | undefined;
  private watchManager: WatchManager | undefined;
  private sharesService: SharesService | undefined;
  private proxyRoom: ServiceProxyRoom | undefined;
  private openInService: OpenInService | undefined;
  private timelineRoom: TimelineRoom | undefined;
  private liveFileManager: LiveFileManager | undefined;
  private readonly offLiveFile: () => void;
  private statsHub: StatsHub | undefined;

  constructor(private readonly options: CoreOptions = {}) {
    this.env = options.env ?? process.env;
    this.projects = new ProjectRegistry(this.env);
    const warn = (line: string) => process.stderr.write(`${line}\n`);
    this.settings = new SettingsService(options.settings ?? new JsonFileSettingsBackend(settingsFile(this.env)), warn);
    this.images = new ImagesService(() => this.docker().docker, this.env);
    this.handlers = {
      'tasks.cancel': async (input) => {
        this.tasks.cancel(input.taskId);
        return null;
      },
      ...projectHandlers(this.projects, this.events, {
        settings: () => this.settings.get(),
        recordRecent: (project) => {
          // The recent list is a convenience: a settings file that cannot be written does not stop an open.
          try {
            this.settings.update({ addRecentProject: project });
          } catch (error) {
            warn(error instanceof Error ? error.message : String(error));
          }
        },
        startWatch: async (projectId, ctx) => {
          await this.handlers['watch.start']({ projectId }, ctx).catch(() => undefined);
        },
      }),
      ...imagesHandlers(this, this.images),
      ...stackHandlers(this),
      ...stackOpsHandlers(this, () => this.exec()),
      ...logHandlers(() => this.logs()),
      ...stateHandlers(() => this.state()),
      ...eventsHandlers(this.projects, () => this.projectEvents()),
      ...execHandlers(() => this.exec()),
      ...watchHandlers((projectId) => this.shares().forWatch(this.projects.get(projectId)), () => this.watch()),
      ...sharesHandlers(this.projects, () => this.shares()),
      ...settingsHandlers(this.settings, this.events),
      ...hostHandlers(this),
      ...doctorHandlers(this),
      ...proxyHandlers(() => this.proxy()),
      ...liveFileHandlers(() => this.liveFile()),
      ...statsHandlers(() => this.stats()),
      ...openInHandlers(() => (this.openInService ??= new OpenInService({ docker: () => this.docker().docker, project: (projectId) => this.projects.get(projectId), env: this.env }))),
      ...timelineHandlers(this.projects, () => this.timeline()),
    };
    // The startup timeline records every up and restart, from whichever shell.
    this.handlers['stack.up'] = recorded('stack.up', this.handlers['stack.up'], this.projects, () => this.timeline().recorder);
    this.handlers['stack.restart'] = recorded('stack.restart', this.handlers['stack.restart'], this.projects, () => this.timeline().recorder);
    this.offLiveFile = followOpenProjects(this.events, () => this.liveFile());
  }

  /** The project's own files, live (made on first use): a save reloads the project and applies or lists what changed. */
  liveFile(): LiveFileManager {
    this.liveFileManager ??= new LiveFileManager({
      projects: this.projects,
      stack: this,
      events: this.events,
      explain: (error) => this.explain(error),
      // An applied save is an up of the changed services: the startup timeline shows it.
      record: (project, projectId, services, work) => this.timeline().recorder.record(project, projectId, { kind: 'up', services }, work),
    });
    return this.liveFileManager;
  }

  /** The service proxy (`http://SERVICE.PROJECT.localhost:PORT`), made on first use. */
  private proxy(): ServiceProxyRoom {
    this.proxyRoom ??= new ServiceProxyRoom({
      lookup: (project) => listProjectContainers(this.docker().docker, project),
      onContainerChange: async (listener) => {
        const events = await this.engineEvents();
        const onEvent = (event: EngineEvent) => {
          const project = event.Actor.Attributes[LABEL.project];
          const service = event.Actor.Attributes[LABEL.service];
          if (event.Type === 'container' && project && service) listener(project, service);
        };
        events.on('event', onEvent);
        return () => events.off('event', onEvent);
      },
      project: (projectId) => this.projects.get(projectId),
      settings: this.settings,
      warn: (line) => process.stderr.write(`${line}\n`),
    });
    return this.proxyRoom;
  }

  /** The startup timeline: its recorder and the runs kept (made on first use). */
  private timeline(): TimelineRoom {
    if (!this.timelineRoom) {
      const store = new TimelineStore(timelinesDir(this.env));
      const docker = () => this.docker().docker;
      this.timelineRoom = { store, docker, recorder: new TimelineRecorder({ events: this.events, engineEvents: () => this.engineEvents(), docker, store }) };
    }
    return this.timelineRoom;
  }

  /** The Docker connection, resolved on first use. */
  docker(): DockerConnection {
    if (!this.connection) {
      this.connection = connectDocker({ env: this.env, streamSpare: this.options.streamSpare === true, ...(this.options.dockerHost ? { host: this.options.dockerHost } : {}) });
    }
    return this.connection;
  }

  /**
   * Uses another Docker host from now on (host.switch): a new connection, and the events
   * subscription of the old one is stopped (the next engineEvents() call subscribes anew).
   */
  switchHost(target: { host?: string; context?: string }): DockerConnection {
    const next = connectDocker({ env: this.env, streamSpare: this.options.streamSpare === true, ...(target.host ? { host: target.host } : {}), ...(target.context ? { context: target.context } : {}) });
    const previous = this.connection;
    this.connection = next;
    // Watchers stop and say why: their containers are on the old engine (docs/watch.md).
    void this.watchManager?.hostChanged(next.host.url).catch(() => undefined);
    this.engineEventsInstance?.stop();
    this.engineEventsInstance = undefined;
    this.eventStreams?.dispose();
    this.eventStreams = undefined;
    // Logs and state follow the new engine: the old followers end, the state feed starts again.
    this.logHub?.dispose();
    this.logHub = undefined;
    if (this.stateFeed) {
      this.stateFeed.stop();
      this.stateFeed = undefined;
      this.state();
    }
    // the old host's kept-alive connections (an ssh:// host's ssh children) end with it
    void previous?.close().catch(() => undefined);
    return next;
  }

  /** Docker hosts: status, candidates, start/stop of VMs and services, switching. */
  hosts(): HostService {
    this.hostService ??= new HostService(this);
    return this.hostService;
  }

  /** Onboarding checks and their fixes. */
  doctor(): DoctorService {
    this.doctorService ??= new DoctorService(this.hosts(), this.env, () => this.docker());
    return this.doctorService;
  }

  /** The one Docker events subscription of this core (started on first use). */
  async engineEvents(): Promise<EngineEvents> {
    const events = this.engineEventsHandle();
    await events.start();
    return events;
  }

  /** The events subscription object without waiting for the engine (it reconnects by itself once started). */
  private engineEventsHandle(): EngineEvents {
    this.engineEventsInstance ??= new EngineEvents(this.docker().docker);
    return this.engineEventsInstance;
  }

  /** The live state feed (started on first use): state.changed and engine.status events. */
  state(): StateFeed {
    if (!this.stateFeed) {
      this.stateFeed = new StateFeed({
        docker: () => this.docker().docker,
        events: () => this.engineEventsHandle(),
        onEngineStatus: (status) => this.events.emit('engine.status', status),
        onProjectState: (state) => this.events.emit('state.changed', { projectId: state.projectId, state }),
      });
      void this.stateFeed.start();
    }
    return this.stateFeed;
  }

  /** Per-subscription container events of one project (`events`), each from an engine stream of its own. */
  projectEvents(): ProjectEventStreams {
    this.eventStreams ??= new ProjectEventStreams({
      docker: () => this.docker().docker,
      send: (event) => this.events.emit('events.container', event),
      ended: (ref) => this.events.emit('events.end', ref),
    });
    return this.eventStreams;
  }

  /** Live resources: engine stats streams while subscribed (made on first use). */
  stats(): StatsHub {
    this.statsHub ??= new StatsHub({
      docker: () => this.docker().docker,
      snapshot: (project) => this.state().snapshot(project),
      onState: (listener) => this.events.on('state.changed', (event) => listener(event.state)),
      send: (sample) => this.events.emit('stats.samples', sample),
    });
    return this.statsHub;
  }

  /** exec sessions for the dashboard terminal (exec.output / exec.exit events). */
  exec(): ExecSessions {
    this.execSessions ??= new ExecSessions({
      docker: () => this.docker().docker,
      host: () => this.docker().host,
      onOutput: (event) => this.events.emit('exec.output', event),
      onExit: (event) => this.events.emit('exec.exit', event),
    });
    return this.execSessions;
  }

  /** Log rings, followers and batch subscriptions (made on first use). */
  logs(): LogHub {
    this.logHub ??= new LogHub({
      docker: () => this.docker().docker,
      events: () => this.engineEvents(),
      send: (batch) => this.events.emit('logs.batch', batch),
      ended: (ref) => this.events.emit('logs.end', ref),
      host: () => this.docker().host,
      ...(this.options.logRingLines !== undefined ? { ringLines: this.options.logRingLines } : {}),
    });
    return this.logHub;
  }

  /** File watchers, one per project (made on first use). */
  watch(): WatchManager {
    this.watchManager ??= new WatchManager({
      docker: () => this.docker().docker,
      engineEvents: () => this.engineEvents(),
      rebuild: stackRebuild(this, this.images),
      events: this.events,
      explain: (error) => this.explain(error),
    });
    return this.watchManager;
  }

  /** Synchronized file shares: bind-mounted folders probed, and synchronized where the engine cannot see them. */
  shares(): SharesService {
    this.sharesService ??= new SharesService({
      docker: () => this.docker(),
      events: this.events,
      watch: async (project, restart) => {
        if (restart) await this.watch().stop(project.name);
        // A save is one file: a 20 ms quiet window keeps save → visible near a raw docker cp
        // (synced services only: one that restarts still waits for the native watcher's batch; bursts wait 200 ms).
        await this.watch().start(project, { coalescer: { quietMs: 20 } });
      },
      watcherRules: (projectId) => this.watch().watcher(projectId)?.plan.rules.map((r) => ({ service: r.service, rule: r.rule })),
    });
    return this.sharesService;
  }

  /** One call through the contract's boundary (validated input and output, an envelope answer). */
  call(name: string, input: unknown, ctx: CallContext = { clientId: 'local' }) {
    return dispatch(this.handlers, name, input, ctx, (error) => this.explain(error));
  }

  /** A failure to reach the engine, in one line with where and what to do (every call and task). */
  private explain(error: unknown): unknown {
    return explainUnreachable(error, this.connection?.host);
  }

  /**
   * The contract's typed client, in process: what the CLI and the tray use, exactly as the
   * window uses it over a bridge (calls go through the same dispatch and validation).
   */
  client(ctx: CallContext = { clientId: 'local' }): SlipwayClient {
    return createClient(this.transport(ctx));
  }

  /** Calls (as `ctx`'s client) and events of this core, as a transport for createClient. */
  transport(ctx: CallContext = { clientId: 'local' }): SlipwayTransport {
    return {
      invoke: (name, input) => this.call(name, input, ctx),
      on: (event, listener) => {
        if (!isEventName(event)) throw new SlipwayError('unknown_event', `No such event: ${event}`);
        return this.events.on(event, listener);
      },
    };
  }

  async dispose(): Promise<void> {
    this.offLiveFile();
    this.liveFileManager?.dispose();
    await this.watchManager?.dispose();
    await this.proxyRoom?.close();
    this.tasks.cancelAll();
    this.timelineRoom?.recorder.dispose();
    this.logHub?.dispose();
    this.statsHub?.dispose();
    this.stateFeed?.stop();
    this.execSessions?.dispose();
    this.eventStreams?.dispose();
    this.engineEventsInstance?.stop();
    // last: every kept-alive connection and ssh child ends, and is gone when this resolves
    const connection = this.connection;
    this.connection = undefined;
    await connection?.close();
  }
}
