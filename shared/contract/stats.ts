import { z } from 'zod';
import { defineCall } from './define';
import { Nothing, ProjectRef, ServiceNames } from './common';

/** What one sample says about a container or a service, computed as the Docker CLI's `stats` computes it. */
const Usage = z.object({
  /** CPU %: 100 is one whole core (as `docker stats`: cpu delta / system delta × online CPUs × 100). */
  cpuPercent: z.number(),
  /** Memory used in bytes, without the inactive page cache (as `docker stats`). */
  memoryUsage: z.number(),
  /** The memory limit in bytes (the host's memory when none is set). */
  memoryLimit: z.number(),
  memoryPercent: z.number(),
  /** Bytes received and sent over every network, since the container started. */
  netRx: z.number(),
  netTx: z.number(),
  /** Bytes read from and written to block devices, since the container started. */
  blockRead: z.number(),
  blockWrite: z.number(),
  pids: z.number(),
});
export type Usage = z.infer<typeof Usage>;

export const ContainerStats = Usage.extend({ id: z.string(), name: z.string(), service: z.string() });
export type ContainerStats = z.infer<typeof ContainerStats>;

/** A service's usage: the sum over its running replicas (the limit and memory % are the largest replica's limit and the sum of the replicas' %). */
export const ServiceStats = Usage.extend({ service: z.string(), containers: z.number().int() });
export type ServiceStats = z.infer<typeof ServiceStats>;

export const StatsSample = z.object({
  /** When this sample was put together, epoch ms. */
  at: z.number(),
  /** Services with at least one running container, sorted by name. */
  services: z.array(ServiceStats),
  /** Their containers, sorted by name. */
  containers: z.array(ContainerStats),
});
export type StatsSample = z.infer<typeof StatsSample>;

const StatsTarget = ProjectRef.extend({ services: ServiceNames.optional() });

export const statsCalls = {
  /**
   * Streams the engine's stats of the project's running containers (following starts and stops)
   * as stats.samples, while subscribed: no subscription, no stats stream open.
   */
  'stats.subscribe': defineCall({ input: StatsTarget, output: z.object({ subscriptionId: z.string() }) }),
  'stats.unsubscribe': defineCall({ input: z.object({ subscriptionId: z.string().min(1) }), output: Nothing }),
  /** One sample, no stream left open (`stats --no-stream`, the tray's tooltip): takes the engine's ~1 s between two readings. */
  'stats.sample': defineCall({ input: StatsTarget, output: StatsSample }),
};

export const statsEvents = {
  /** A subscription's latest sample: every container's latest reading, about once a second. */
  'stats.samples': StatsSample.extend({ subscriptionId: z.string() }),
};
