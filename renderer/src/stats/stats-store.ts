import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ServiceStats, StatsSample } from '../../../shared/contract/stats';

/** Points kept per service: a minute at the engine's one reading a second. */
export const HISTORY_POINTS = 60;

export interface ServiceHistory {
  latest: ServiceStats;
  /** CPU % and memory bytes, oldest first, at most HISTORY_POINTS. */
  cpu: number[];
  memory: number[];
}

export interface StatsState {
  /** The project these are of. */
  projectId: string | undefined;
  services: Record<string, ServiceHistory | undefined>;
  /** The service whose larger chart is open. */
  chart: string | undefined;
  add(sample: StatsSample): void;
  showChart(service: string | undefined): void;
}

export type StatsStore = StoreApi<StatsState>;

const keep = (points: readonly number[], value: number) => [...points.slice(-(HISTORY_POINTS - 1)), value];

/** The next histories: each service of the sample gains a point; services without a running container leave. */
export function withSample(before: Record<string, ServiceHistory | undefined>, sample: StatsSample): Record<string, ServiceHistory | undefined> {
  const next: Record<string, ServiceHistory | undefined> = {};
  for (const latest of sample.services) {
    const old = before[latest.service];
    next[latest.service] = { latest, cpu: keep(old?.cpu ?? [], latest.cpuPercent), memory: keep(old?.memory ?? [], latest.memoryUsage) };
  }
  return next;
}

/** Live resources of the open project, fed by stats.samples while the services table shows them. */
export function createStatsStore(projectId: string | undefined): StatsStore {
  return createStore<StatsState>()((set) => ({
    projectId,
    services: {},
    chart: undefined,
    add: (sample) => set((s) => ({ services: withSample(s.services, sample) })),
    showChart: (service) => set({ chart: service }),
  }));
}
