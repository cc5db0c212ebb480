import { z } from 'zod';
import type { ContainerStats, ServiceStats, Usage } from '../../../shared/contract/stats';

const CpuStats = z.object({
  cpu_usage: z.object({ total_usage: z.number().default(0), percpu_usage: z.array(z.number()).nullish() }).prefault({}),
  system_cpu_usage: z.number().default(0),
  online_cpus: z.number().default(0),
});

/** One reading of the engine's `GET /containers/ID/stats`, as far as `docker stats` reads it (cgroup v1 and v2). */
export const EngineStats = z.object({
  cpu_stats: CpuStats.prefault({}),
  /** The reading before: empty on a stream's first reading. */
  precpu_stats: CpuStats.prefault({}),
  memory_stats: z.object({ usage: z.number().default(0), limit: z.number().default(0), stats: z.record(z.string(), z.number()).prefault({}) }).prefault({}),
  networks: z.record(z.string(), z.object({ rx_bytes: z.number().default(0), tx_bytes: z.number().default(0) })).nullish(),
  blkio_stats: z.object({ io_service_bytes_recursive: z.array(z.object({ op: z.string(), value: z.number() })).nullish() }).prefault({}),
  pids_stats: z.object({ current: z.number().default(0) }).prefault({}),
});
export type EngineStats = z.infer<typeof EngineStats>;

/** CPU % as the Docker CLI's calculateCPUPercentUnix: 0 until there are two readings to compare. */
export function cpuPercent(stats: EngineStats): number {
  const cpuDelta = stats.cpu_stats.cpu_usage.total_usage - stats.precpu_stats.cpu_usage.total_usage;
  const systemDelta = stats.cpu_stats.system_cpu_usage - stats.precpu_stats.system_cpu_usage;
  const online = stats.cpu_stats.online_cpus || (stats.cpu_stats.cpu_usage.percpu_usage?.length ?? 0);
  if (stats.precpu_stats.system_cpu_usage === 0 || systemDelta <= 0 || cpuDelta <= 0) return 0;
  return (cpuDelta / systemDelta) * online * 100;
}

/** Memory in use without the page cache that can be dropped, as the Docker CLI's calculateMemUsageUnixNoCache. */
export function memoryUsed(memory: EngineStats['memory_stats']): number {
  const v1 = memory.stats.total_inactive_file;
  if (v1 !== undefined && v1 < memory.usage) return memory.usage - v1;
  const v2 = memory.stats.inactive_file ?? 0;
  if (v2 < memory.usage) return memory.usage - v2;
  return memory.usage;
}

/** Bytes read and written, summed over devices, as the Docker CLI's calculateBlockIO (by the op's first letter). */
export function blockIo(stats: EngineStats): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const entry of stats.blkio_stats.io_service_bytes_recursive ?? []) {
    const op = entry.op.charAt(0).toLowerCase();
    if (op === 'r') read += entry.value;
    else if (op === 'w') write += entry.value;
  }
  return { read, write };
}

/** What one reading says, in the units the contract carries. */
export function usageOf(stats: EngineStats): Usage {
  const used = memoryUsed(stats.memory_stats);
  const limit = stats.memory_stats.limit;
  const block = blockIo(stats);
  let netRx = 0;
  let netTx = 0;
  for (const network of Object.values(stats.networks ?? {})) {
    netRx += network.rx_bytes;
    netTx += network.tx_bytes;
  }
  return {
    cpuPercent: cpuPercent(stats),
    memoryUsage: used,
    memoryLimit: limit,
    memoryPercent: limit !== 0 ? (used / limit) * 100 : 0,
    netRx,
    netTx,
    blockRead: block.read,
    blockWrite: block.write,
    pids: stats.pids_stats.current,
  };
}

/** Per service, the sum over its containers (sorted by service name). */
export function sumByService(containers: readonly ContainerStats[]): ServiceStats[] {
  const byService = new Map<string, ServiceStats>();
  for (const c of containers) {
    const sum = byService.get(c.service);
    if (!sum) {
      byService.set(c.service, { service: c.service, containers: 1, cpuPercent: c.cpuPercent, memoryUsage: c.memoryUsage, memoryLimit: c.memoryLimit, memoryPercent: c.memoryPercent, netRx: c.netRx, netTx: c.netTx, blockRead: c.blockRead, blockWrite: c.blockWrite, pids: c.pids });
      continue;
    }
    sum.containers += 1;
    sum.cpuPercent += c.cpuPercent;
    sum.memoryUsage += c.memoryUsage;
    sum.memoryLimit = Math.max(sum.memoryLimit, c.memoryLimit);
    sum.memoryPercent += c.memoryPercent;
    sum.netRx += c.netRx;
    sum.netTx += c.netTx;
    sum.blockRead += c.blockRead;
    sum.blockWrite += c.blockWrite;
    sum.pids += c.pids;
  }
  return [...byService.values()].sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
}
