import type Docker from 'dockerode';
import type { ContainerStats, StatsSample } from '../../../shared/contract/stats';
import type { ProjectState } from '../../../shared/model/state';
import { ContainerStatsStream, type StatsTarget } from './container-stats-stream';
import { sumByService } from './stats-math';

/** Readings arriving within this window go out as one sample. */
const COALESCE_MS = 200;

/** The running containers of a project state: what has stats to read. */
export function runningTargets(state: ProjectState): StatsTarget[] {
  return state.services.flatMap((s) => s.containers.filter((c) => c.state === 'running').map((c) => ({ id: c.id, name: c.name, service: s.service })));
}

export function sampleOf(containers: Iterable<ContainerStats>, at = Date.now()): StatsSample {
  const list = [...containers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { at, services: sumByService(list), containers: list };
}

/**
 * The stats streams of one project's running containers, while someone watches it: one stream
 * per running container, opened and closed as the state feed sees containers start and stop;
 * the latest reading of each, sent as one sample when new readings came in.
 */
export class ProjectStats {
  private readonly streams = new Map<string, ContainerStatsStream>();
  private readonly latest = new Map<string, ContainerStats>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: { docker: () => Docker; send: (sample: StatsSample) => void; open: Set<ContainerStatsStream> }) {}

  /** Follows a new state of the project: streams for containers that run now, none for those that stopped. */
  follow(state: ProjectState): void {
    if (this.stopped) return;
    const running = new Map(runningTargets(state).map((t) => [t.id, t]));
    for (const [id, stream] of this.streams) {
      if (running.has(id)) continue;
      void stream.close();
      this.streams.delete(id);
      this.latest.delete(id);
      this.schedule();
    }
    for (const [id, target] of running) {
      if (this.streams.has(id)) continue;
      const stream = new ContainerStatsStream(
        this.options.docker(),
        this.options.open,
        target,
        (stats) => {
          if (!this.streams.has(id)) return;
          this.latest.set(id, stats);
          this.schedule();
        },
        () => {
          if (this.streams.get(id) !== stream) return;
          this.streams.delete(id);
          this.latest.delete(id);
          this.schedule();
        },
      );
      this.streams.set(id, stream);
      void stream.start();
    }
  }

  /** Closes every stream; resolves once the engine's responses are closed. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const closing = [...this.streams.values()].map((stream) => stream.close());
    this.streams.clear();
    this.latest.clear();
    await Promise.all(closing);
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.options.send(sampleOf(this.latest.values()));
    }, COALESCE_MS);
  }
}
