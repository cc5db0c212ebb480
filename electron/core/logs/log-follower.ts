import type Docker from 'dockerode';
import type { LogLine } from '../../../shared/contract/logs';
import type { EngineEvent, EngineEvents } from '../docker/engine-events';
import { listProjectContainers } from '../state/container-list';
import type { ProjectContainer } from '../state/container-record';
import { LABEL, isOneOff } from '../state/compose-labels';
import { ContainerLogReader } from './container-log-reader';
import { LogMerger, type LineSink } from './log-merger';
import { dockerSinceFromMs } from './since';
import { dockerSinceFromTimestamp } from './timestamps';

export interface FollowerOptions {
  docker: Docker;
  projectId: string;
  /** Only these services (default: all). */
  services?: readonly string[];
  /** History lines per container (default: all). */
  tail?: number;
  /** Docker's `since` (seconds, fraction allowed). */
  since?: string;
  /** Keep following live output, re-attaching across restarts and recreation. */
  follow: boolean;
  /**
   * Whether lines need the engine's timestamps (default true). Without them a single
   * container's history is read as `docker logs` reads it; they are still used when
   * merging several containers or following.
   */
  timestamps?: boolean;
  /** Needed when following: the core's one events subscription. */
  events?: EngineEvents;
  /** The project's containers (of `services`), when the caller has listed them already. */
  containers?: ProjectContainer[];
  sink: LineSink;
}

/** The prefix of each container's lines: its service, or service-N when the service has several. */
export function containerLabels(containers: readonly Pick<ProjectContainer, 'service' | 'number'>[]): string[] {
  const perService = new Map<string, number>();
  for (const c of containers) perService.set(c.service, (perService.get(c.service) ?? 0) + 1);
  return containers.map((c) => ((perService.get(c.service) ?? 0) > 1 ? `${c.service}-${c.number}` : c.service));
}

interface Tracked {
  id: string;
  service: string;
  number: number;
  label: string;
  tty: boolean;
  reader: ContainerLogReader | undefined;
  /** Timestamp text of the last line seen, to continue after it. */
  lastTs: string | undefined;
  /**
   * Its history was cut to nothing (`--tail 0`): follow from now on (tail 0 on the first
   * attach, then from this Unix time until a line gives a timestamp to continue from).
   */
  fromNow?: { attached: boolean; since: string };
  /** Quick successive re-attaches (backoff). */
  retries: number;
}

/**
 * A project's logs: the history of every service container merged by time, then (when
 * following) each container's live output, one continuous log per service. When a
 * container restarts, is recreated, or the engine comes back, it re-attaches from the
 * last line seen and says so with a marker line.
 */
export class LogFollower {
  private readonly tracked = new Map<string, Tracked>();
  private readonly seenServices = new Set<string>();
  private stopped = false;
  private unsubscribe: (() => void) | undefined;
  private historyDone = false;
  private pendingStarts: string[] = [];
  private resolveStopped!: () => void;
  /** Resolves when following stops (at once after the history when not following). */
  readonly finished = new Promise<void>((resolve) => (this.resolveStopped = resolve));

  constructor(private readonly options: FollowerOptions) {}

  /** Reads the history; resolves once it has been handed to the sink. Live lines follow if asked. */
  async start(): Promise<void> {
    const { docker, events } = this.options;
    if (this.options.follow && events) this.unsubscribe = this.listen(events);
    const containers = this.options.containers ?? (await listProjectContainers(docker, this.options.projectId, this.options.services));
    const labels = containerLabels(containers);
    const merger = new LogMerger(this.options.sink);
    const readers: ContainerLogReader[] = [];
    const ttys = await Promise.all(containers.map((c) => this.isTty(c.id)));
    // Every reader joins the merger before any opens, so none runs ahead unmerged.
    for (const [i, c] of containers.entries()) {
      const tty = ttys[i] ?? false;
      const label = labels[i] ?? c.service;
      const t: Tracked = { id: c.id, service: c.service, number: c.number, label, tty, reader: undefined, lastTs: undefined, retries: 0 };
      if (this.options.tail === 0) t.fromNow = { attached: false, since: dockerSinceFromMs(Date.now()) };
      this.tracked.set(c.id, t);
      this.seenServices.add(c.service);
      const reader = new ContainerLogReader({ id: c.id, label, tty }, merger.accept);
      merger.add(reader);
      readers.push(reader);
      void reader.done.then(() => (t.lastTs = reader.lastTimestamp ?? t.lastTs));
    }
    const timestamps = this.options.timestamps !== false || this.options.follow || containers.length > 1;
    const history = { follow: false, timestamps, ...(this.options.tail !== undefined ? { tail: this.options.tail } : {}), ...(this.options.since !== undefined ? { since: this.options.since } : {}) };
    const opened = readers.map((reader) => reader.open(docker, history).catch(() => undefined));
    await Promise.all(opened);
    await merger.close();
    this.historyDone = true;
    if (!this.options.follow) {
      this.stop();
      return;
    }
    const running = containers.filter((c) => c.state === 'running' || c.state === 'restarting').map((c) => c.id);
    for (const id of new Set([...running, ...this.pendingStarts])) void this.attach(id, undefined);
    this.pendingStarts = [];
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.unsubscribe?.();
    for (const t of this.tracked.values()) t.reader?.stop();
    this.resolveStopped();
  }

  private listen(events: EngineEvents): () => void {
    const onEvent = (event: EngineEvent) => this.onEngineEvent(event);
    const onDown = () => this.markAll('engine connection lost; waiting for it to come back');
    const onUp = () => void this.resync();
    events.on('event', onEvent);
    events.on('disconnected', onDown);
    events.on('connected', onUp);
    return () => {
      events.off('event', onEvent);
      events.off('disconnected', onDown);
      events.off('connected', onUp);
    };
  }

  private onEngineEvent(event: EngineEvent): void {
    if (event.Type !== 'container' || this.stopped) return;
    const attrs = event.Actor.Attributes;
    if (attrs[LABEL.project] !== this.options.projectId || isOneOff(attrs)) return;
    const service = attrs[LABEL.service];
    if (service === undefined) return;
    const wanted = this.options.services;
    if (wanted && wanted.length > 0 && !wanted.includes(service)) return;
    const id = event.Actor.ID;
    if (event.Action === 'start') {
      if (!this.historyDone) {
        this.pendingStarts.push(id);
        return;
      }
      const known = this.tracked.get(id);
      const label = known?.label ?? service;
      const note = known ? `${label} restarted` : this.seenServices.has(service) ? `${label} recreated (${attrs.name ?? id.slice(0, 12)})` : `${label} started`;
      void this.attach(id, note, { service, number: Number(attrs[LABEL.number] ?? 1) || 1 });
    } else if (event.Action === 'destroy') {
      const t = this.tracked.get(id);
      t?.reader?.stop();
      this.tracked.delete(id);
    }
  }

  /** After the engine comes back: re-attach every running container from its last line. */
  private async resync(): Promise<void> {
    if (this.stopped || !this.historyDone) return;
    const containers = await listProjectContainers(this.options.docker, this.options.projectId, this.options.services).catch(() => []);
    const alive = new Set(containers.map((c) => c.id));
    for (const [id, t] of this.tracked) {
      if (!alive.has(id)) {
        t.reader?.stop();
        this.tracked.delete(id);
      }
    }
    for (const c of containers) {
      if (c.state !== 'running' && c.state !== 'restarting') continue;
      const known = this.tracked.get(c.id);
      void this.attach(c.id, `engine back; following ${known?.label ?? c.service} again`, { service: c.service, number: c.number });
    }
  }

  private async attach(id: string, note: string | undefined, fresh?: { service: string; number: number }): Promise<void> {
    if (this.stopped) return;
    let t = this.tracked.get(id);
    if (!t) {
      if (!fresh) return;
      const tty = await this.isTty(id);
      t = { id, service: fresh.service, number: fresh.number, label: fresh.service, tty, reader: undefined, lastTs: undefined, retries: 0 };
      this.tracked.set(id, t);
      this.seenServices.add(fresh.service);
    }
    const previous = t.reader;
    if (previous) {
      t.lastTs = previous.lastTimestamp ?? t.lastTs;
      previous.stop();
    }
    if (note) await this.options.sink([{ service: t.label, stream: 'system', text: `── ${note} ──`, ts: Date.now() }]);
    const tracked = t;
    const reader = new ContainerLogReader({ id, label: t.label, tty: t.tty }, (r, lines) => this.live(r, lines));
    tracked.reader = reader;
    const from = this.liveStart(tracked);
    const openedAt = Date.now();
    void reader.done.then(async () => {
      tracked.lastTs = reader.lastTimestamp ?? tracked.lastTs;
      if (tracked.reader !== reader) return;
      tracked.reader = undefined;
      if (reader.stoppedByUs || this.stopped) return;
      // The engine ended a follow while the container still runs (it does so when a
      // restart races the attach): continue from the last line, quietly.
      const info = await this.options.docker.getContainer(id).inspect().catch(() => undefined);
      if (!info?.State?.Running || this.stopped || tracked.reader !== undefined) return;
      const quick = Date.now() - openedAt < 200;
      tracked.retries = quick ? tracked.retries + 1 : 0;
      if (tracked.retries > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 50 * 2 ** tracked.retries)));
      if (!this.stopped && tracked.reader === undefined) void this.attach(id, undefined);
    });
    await reader
      .open(this.options.docker, { follow: true, ...from })
      .catch(() => undefined);
  }

  /** Where a live read starts: after the last line seen, or from now, or from --since. */
  private liveStart(tracked: Tracked): { since?: string; after?: string; tail?: number } {
    if (tracked.lastTs !== undefined) return { since: dockerSinceFromTimestamp(tracked.lastTs), after: tracked.lastTs };
    if (tracked.fromNow) {
      if (!tracked.fromNow.attached) {
        tracked.fromNow.attached = true;
        return { tail: 0 };
      }
      return { since: tracked.fromNow.since };
    }
    return this.options.since !== undefined ? { since: this.options.since } : {};
  }

  private live(reader: ContainerLogReader, lines: LogLine[]): void {
    const result = this.options.sink(lines);
    if (result instanceof Promise) {
      reader.pause();
      void result.then(() => reader.resume());
    }
  }

  private markAll(note: string): void {
    if (!this.historyDone || this.stopped) return;
    const labels = new Set([...this.tracked.values()].map((t) => t.label));
    const now = Date.now();
    if (labels.size > 0) void this.options.sink([...labels].map((label) => ({ service: label, stream: 'system' as const, text: `── ${note} ──`, ts: now })));
  }

  private async isTty(id: string): Promise<boolean> {
    const info = await this.options.docker.getContainer(id).inspect().catch(() => undefined);
    return Boolean(info?.Config?.Tty);
  }
}
