import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import type { ContainerStats, StatsSample } from '../../../shared/contract/stats';
import type { ProjectState } from '../../../shared/model/state';
import { listProjectContainers } from '../state/container-list';
import { containerStatsOf, type ContainerStatsStream } from './container-stats-stream';
import { ProjectStats, sampleOf } from './project-stats';

export interface StatsHubOptions {
  docker: () => Docker;
  /** The project's state now (the state feed's snapshot). */
  snapshot: (project: string) => Promise<ProjectState>;
  /** Calls back with every later state of any project (state.changed); returns how to stop. */
  onState: (listener: (state: ProjectState) => void) => () => void;
  send: (sample: StatsSample & { subscriptionId: string }) => void;
}

interface Subscription {
  project: string;
  services: ReadonlySet<string> | undefined;
}

interface Watched {
  stats: ProjectStats;
  stopFollowing: () => void;
}

/**
 * Live resources: per project watched, a stats stream per running container, only while at
 * least one subscription wants that project; the last unsubscribe closes them all.
 */
export class StatsHub {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly watched = new Map<string, Watched>();
  /** Every stats response of the engine not closed yet. */
  private readonly open = new Set<ContainerStatsStream>();

  constructor(private readonly options: StatsHubOptions) {}

  async subscribe(project: string, services: readonly string[] | undefined): Promise<string> {
    const subscriptionId = randomUUID();
    this.subscriptions.set(subscriptionId, { project, services: services && services.length > 0 ? new Set(services) : undefined });
    if (!this.watched.has(project)) {
      const stats = new ProjectStats({ docker: this.options.docker, open: this.open, send: (sample) => this.fanOut(project, sample) });
      const stopFollowing = this.options.onState((state) => {
        if (state.projectId === project) stats.follow(state);
      });
      this.watched.set(project, { stats, stopFollowing });
      const state = await this.options.snapshot(project);
      if (this.watched.get(project)?.stats === stats) stats.follow(state);
    }
    return subscriptionId;
  }

  /** Resolves once the project's streams are closed when this was its last subscription. */
  async unsubscribe(subscriptionId: string): Promise<void> {
    const sub = this.subscriptions.get(subscriptionId);
    if (!sub) return;
    this.subscriptions.delete(subscriptionId);
    if ([...this.subscriptions.values()].some((s) => s.project === sub.project)) return;
    await this.unwatch(sub.project);
  }

  /** Engine stats responses still open: zero when nobody subscribes. */
  openStreams(): number {
    return this.open.size;
  }

  /** One sample without a stream: each running container's `stats?stream=0` (the engine's two readings ~1 s apart). */
  async sampleOnce(project: string, services: readonly string[] | undefined): Promise<StatsSample> {
    const docker = this.options.docker();
    const containers = (await listProjectContainers(docker, project, services)).filter((c) => c.state === 'running');
    const read = await Promise.all(
      containers.map(async (c): Promise<ContainerStats | undefined> => {
        const answer: unknown = await docker.getContainer(c.id).stats({ stream: false }).catch(() => undefined);
        return answer === undefined ? undefined : containerStatsOf({ id: c.id, name: c.name, service: c.service }, answer);
      }),
    );
    return sampleOf(read.filter((s): s is ContainerStats => s !== undefined));
  }

  dispose(): void {
    for (const project of [...this.watched.keys()]) void this.unwatch(project);
    this.subscriptions.clear();
  }

  private async unwatch(project: string): Promise<void> {
    const watched = this.watched.get(project);
    if (!watched) return;
    this.watched.delete(project);
    watched.stopFollowing();
    await watched.stats.stop();
  }

  private fanOut(project: string, sample: StatsSample): void {
    for (const [subscriptionId, sub] of this.subscriptions) {
      if (sub.project !== project) continue;
      const wanted = sub.services;
      if (!wanted) {
        this.options.send({ subscriptionId, ...sample });
        continue;
      }
      this.options.send({ subscriptionId, at: sample.at, services: sample.services.filter((s) => wanted.has(s.service)), containers: sample.containers.filter((c) => wanted.has(c.service)) });
    }
  }
}
