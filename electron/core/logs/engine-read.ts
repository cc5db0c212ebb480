import type Docker from 'dockerode';
import type { EngineEvents } from '../docker/engine-events';
import type { ProjectContainer } from '../state/container-record';
import type { LineFilter } from './line-filter';
import type { LineQueue } from './line-queue';
import { containerLabels, LogFollower } from './log-follower';
import { dockerSinceFromMs } from './since';

export interface EngineReadOptions {
  docker: Docker;
  projectId: string;
  services?: readonly string[] | undefined;
  /** The project's containers (of `services`), listed by the caller. */
  containers: ProjectContainer[];
  tail?: number | undefined;
  sinceMs?: number | undefined;
  follow: boolean;
  timestamps: boolean;
  /** Needed when following. */
  events?: EngineEvents | undefined;
  filter?: LineFilter | undefined;
  /** Where the lines wait for the subscriber (bounded: the reads wait when it is full). */
  queue: LineQueue;
}

export interface EngineRead {
  /** The prefixes of the containers read from the start, sorted. */
  labels: string[];
  /** Resolves when no more lines will be queued (at once after the history when not following). */
  done: Promise<void>;
  stop(): void;
}

/**
 * One subscriber's own read of the engine (`source: 'engine'`): the whole history merged by
 * time, then, when following, live lines across restarts; every line kept, the reads paced
 * by the subscriber's acks through a bounded queue.
 */
export function openEngineRead(options: EngineReadOptions): EngineRead {
  const source = options.queue;
  const filter = options.filter;
  const follower = new LogFollower({
    docker: options.docker,
    projectId: options.projectId,
    containers: options.containers,
    follow: options.follow,
    timestamps: options.timestamps,
    ...(options.services && options.services.length > 0 ? { services: options.services } : {}),
    ...(options.events ? { events: options.events } : {}),
    ...(options.tail !== undefined ? { tail: options.tail } : {}),
    ...(options.sinceMs !== undefined ? { since: dockerSinceFromMs(options.sinceMs) } : {}),
    sink: filter ? (lines) => source.push(filter(lines)) : source.push,
  });
  const done = follower.start().then(
    () => follower.finished,
    (error: unknown) => {
      follower.stop();
      void source.push([{ service: options.projectId, stream: 'system', text: `── cannot read the logs: ${error instanceof Error ? error.message : String(error)} ──`, ts: Date.now() }]);
    },
  );
  return {
    labels: [...new Set(containerLabels(options.containers))].sort(),
    done,
    stop: () => {
      follower.stop();
      source.close();
    },
  };
}
