import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import type { LogBatch, LogsSearchInput, LogsSearchOutput, LogsSubscribeInput, LogsSubscribeOutput } from '../../../shared/contract/logs';
import { SlipwayError } from '../../../shared/errors';
import type { EngineEvents } from '../docker/engine-events';
import { explainUnreachable } from '../docker/unreachable';
import { listProjectContainers } from '../state/container-list';
import { openEngineRead } from './engine-read';
import { LineQueue } from './line-queue';
import { filteredSource, lineFilter, type LineFilter } from './line-filter';
import { LogFollower } from './log-follower';
import { compileSearch } from './log-search';
import { DEFAULT_FLOW, LogSubscription, type FlowOptions, type LineSource } from './log-subscription';
import { ProjectLogs } from './project-logs';
import { parseSince } from './since';

export interface LogHubOptions {
  docker: () => Docker;
  events: () => Promise<EngineEvents>;
  send: (batch: LogBatch) => void;
  /** A subscription that does not follow is done (logs.end). */
  ended?: (ref: { subscriptionId: string }) => void;
  /** The engine's address, for errors that say which engine could not be reached. */
  host?: () => { url: string; source: string };
  /** Lines kept per service (default 100 000). */
  ringLines?: number;
  flow?: Partial<FlowOptions>;
}

const DEFAULT_RING_LINES = 100_000;

interface Entry {
  subscription: LogSubscription;
  projectId: string;
  clientId: string;
  stop: () => void;
}

/**
 * The core's logs: per project, the rings and the follower that fills them (started on
 * first use and kept while the core lives); per consumer, a subscription that sends
 * batches with flow control.
 */
export class LogHub {
  private readonly projects = new Map<string, ProjectLogs>();
  private readonly subscriptions = new Map<string, Entry>();
  readonly ringLines: number;
  private readonly flow: FlowOptions;

  constructor(private readonly options: LogHubOptions) {
    this.ringLines = options.ringLines ?? DEFAULT_RING_LINES;
    this.flow = { ...DEFAULT_FLOW, ...options.flow };
  }

  /** The project's logs, following from now on (history up to the ring bound first). */
  async project(projectId: string): Promise<ProjectLogs> {
    let logs = this.projects.get(projectId);
    if (logs) {
      await logs.ready;
      return logs;
    }
    logs = new ProjectLogs(projectId, this.ringLines);
    this.projects.set(projectId, logs);
    const created = logs;
    created.ready = (async () => {
      const events = await this.options.events().catch((error: unknown) => {
        throw new SlipwayError('engine_unreachable', `Cannot follow the logs of ${projectId}: the Docker engine cannot be reached (${error instanceof Error ? error.message : String(error)})`, 'Start Docker, or point DOCKER_HOST or --host at a running engine.');
      });
      const follower = new LogFollower({ docker: this.options.docker(), projectId, tail: this.ringLines, follow: true, events, sink: created.append });
      created.follower = follower;
      await follower.start();
    })();
    try {
      await created.ready;
    } catch (error) {
      this.projects.delete(projectId);
      created.stop();
      throw error;
    }
    return created;
  }

  async subscribe(input: LogsSubscribeInput, clientId: string): Promise<LogsSubscribeOutput> {
    const sinceMs = input.since === undefined ? undefined : parseSince(input.since);
    const filter = lineFilter(input);
    if (input.source === 'engine') return this.subscribeEngine(input, clientId, sinceMs, filter);
    if (input.follow === false) throw new SlipwayError('invalid_input', 'logs.subscribe: only the engine source can stop after the history (follow: false)', "Ask for source: 'engine'.");
    const logs = await this.project(input.projectId);
    const id = randomUUID();
    const cursor = logs.cursor({ ...(input.services ? { services: input.services } : {}), ...(input.tail !== undefined ? { tail: input.tail } : {}), ...(sinceMs !== undefined ? { sinceMs } : {}) });
    const subscription = this.open(id, filter ? filteredSource(cursor, filter) : cursor);
    const off = logs.onAppend(() => subscription.notify());
    this.subscriptions.set(id, { subscription, projectId: input.projectId, clientId, stop: off });
    subscription.notify();
    const wanted = input.services && input.services.length > 0 ? new Set(input.services) : undefined;
    return { subscriptionId: id, labels: [...logs.rings.keys()].filter((label) => !wanted || wanted.has(label)).sort() };
  }

  /** A read of the engine for this subscriber alone: the project's containers listed here, every line kept, paced by acks. */
  private async subscribeEngine(input: LogsSubscribeInput, clientId: string, sinceMs: number | undefined, filter: LineFilter | undefined): Promise<LogsSubscribeOutput> {
    const unreachable = (error: unknown) => explainUnreachable(error, this.options.host?.());
    const docker = this.options.docker();
    const containers = await listProjectContainers(docker, input.projectId, input.services).catch((error: unknown) => {
      throw unreachable(error);
    });
    const follow = input.follow !== false;
    const events = follow ? await this.options.events().catch((error: unknown) => { throw unreachable(error); }) : undefined;
    const id = randomUUID();
    // The queue tells the subscription when lines arrive (only once reads have begun, below).
    const queue: LineQueue = new LineQueue(this.flow.maxLines * 2, () => subscription.notify());
    const subscription = this.open(id, queue);
    const read = openEngineRead({
      docker,
      projectId: input.projectId,
      services: input.services,
      containers,
      tail: input.tail,
      sinceMs,
      follow,
      timestamps: input.timestamps !== false,
      events,
      filter,
      queue,
    });
    this.subscriptions.set(id, { subscription, projectId: input.projectId, clientId, stop: read.stop });
    subscription.notify();
    if (!follow) {
      void read.done.then(() =>
        subscription.finish(() => {
          this.subscriptions.delete(id);
          read.stop();
          this.options.ended?.({ subscriptionId: id });
        }),
      );
    }
    return { subscriptionId: id, labels: read.labels };
  }

  private open(id: string, source: LineSource): LogSubscription {
    return new LogSubscription(id, source, (batch) => this.options.send({ subscriptionId: id, ...batch }), this.flow);
  }

  ack(subscriptionId: string, batchId: number): void {
    this.entry(subscriptionId).subscription.ack(batchId);
  }

  unsubscribe(subscriptionId: string): void {
    const entry = this.subscriptions.get(subscriptionId);
    if (!entry) return;
    entry.stop();
    entry.subscription.close();
    this.subscriptions.delete(subscriptionId);
  }

  async search(input: LogsSearchInput): Promise<LogsSearchOutput> {
    const matcher = compileSearch(input);
    const logs = await this.project(input.projectId);
    return logs.search(matcher, input.services, input.limit ?? 1000);
  }

  dispose(): void {
    for (const id of [...this.subscriptions.keys()]) this.unsubscribe(id);
    for (const logs of this.projects.values()) logs.stop();
    this.projects.clear();
  }

  private entry(subscriptionId: string): Entry {
    const entry = this.subscriptions.get(subscriptionId);
    if (!entry) throw new SlipwayError('no_subscription', `No log subscription ${subscriptionId}`, 'Subscribe again with logs.subscribe.');
    return entry;
  }
}
