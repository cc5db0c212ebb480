import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineStats, blockIo, cpuPercent, memoryUsed, sumByService, usageOf } from '../../../../electron/core/stats/stats-math';
import type { ContainerStats } from '../../../../shared/contract/stats';

/** Readings of Docker 20.10 on cgroup v1, as `GET /containers/ID/stats` answered them. */
function reading(file: string): EngineStats {
  return EngineStats.parse(JSON.parse(readFileSync(path.join(__dirname, '../../../fixtures/stats', file), 'utf8')));
}

describe('the stats math, as the Docker CLI computes it', () => {
  it('CPU %: cpu delta / system delta × online CPUs × 100', () => {
    const busy = reading('busy-v1.json');
    const cpuDelta = busy.cpu_stats.cpu_usage.total_usage - busy.precpu_stats.cpu_usage.total_usage;
    const systemDelta = busy.cpu_stats.system_cpu_usage - busy.precpu_stats.system_cpu_usage;
    expect(busy.cpu_stats.online_cpus).toBe(2);
    expect(cpuDelta).toBeGreaterThan(0);
    expect(cpuPercent(busy)).toBeCloseTo((cpuDelta / systemDelta) * 2 * 100, 10);
  });

  it('CPU %: the CPU count from percpu_usage when online_cpus is missing', () => {
    const busy = reading('busy-v1.json');
    const withoutOnline = EngineStats.parse({ ...busy, cpu_stats: { ...busy.cpu_stats, online_cpus: 0 } });
    expect(busy.cpu_stats.cpu_usage.percpu_usage).toHaveLength(2);
    expect(cpuPercent(withoutOnline)).toBeCloseTo(cpuPercent(busy), 10);
  });

  it('CPU %: zero on a stream\'s first reading, which has no reading before it', () => {
    const first = reading('stream-first-v1.json');
    expect(first.precpu_stats.system_cpu_usage).toBe(0);
    expect(first.cpu_stats.cpu_usage.total_usage).toBeGreaterThan(0);
    expect(cpuPercent(first)).toBe(0);
  });

  it('memory: usage minus total_inactive_file on cgroup v1, inactive_file on v2, usage when neither is smaller', () => {
    const io = reading('networked-v1.json');
    const { usage, stats } = io.memory_stats;
    expect(stats.total_inactive_file).toBeGreaterThan(0);
    expect(memoryUsed(io.memory_stats)).toBe(usage - (stats.total_inactive_file ?? 0));
    expect(memoryUsed({ usage: 1000, limit: 0, stats: { total_inactive_file: 100, inactive_file: 300 } })).toBe(900);
    expect(memoryUsed({ usage: 1000, limit: 0, stats: { inactive_file: 300 } })).toBe(700);
    expect(memoryUsed({ usage: 1000, limit: 0, stats: { total_inactive_file: 5000, inactive_file: 200 } })).toBe(800);
    expect(memoryUsed({ usage: 1000, limit: 0, stats: {} })).toBe(1000);
  });

  it('memory %, network and PIDs of a reading with a memory limit and a network', () => {
    const io = reading('networked-v1.json');
    const usage = usageOf(io);
    expect(usage.memoryLimit).toBe(64 * 1024 * 1024);
    expect(usage.memoryPercent).toBeCloseTo((usage.memoryUsage / usage.memoryLimit) * 100, 10);
    expect(usage.netRx).toBe(io.networks?.eth0?.rx_bytes);
    expect(usage.netRx).toBeGreaterThan(0);
    expect(usage.pids).toBe(1);
  });

  it('block I/O: bytes by the op\'s first letter, summed over devices (Read, Write; not Sync, Async, Total)', () => {
    const io = reading('networked-v1.json');
    const entries = [
      { major: 8, minor: 0, op: 'Read', value: 4096 },
      { major: 8, minor: 0, op: 'Write', value: 20971520 },
      { major: 8, minor: 0, op: 'Sync', value: 20975616 },
      { major: 8, minor: 0, op: 'Total', value: 20975616 },
      { major: 8, minor: 16, op: 'read', value: 100 },
      { major: 8, minor: 16, op: 'Write', value: 1 },
    ];
    const withIo = EngineStats.parse({ ...io, blkio_stats: { io_service_bytes_recursive: entries } });
    expect(blockIo(withIo)).toEqual({ read: 4196, write: 20971521 });
    expect(blockIo(io)).toEqual({ read: 0, write: 0 });
    expect(blockIo(EngineStats.parse({ ...io, blkio_stats: { io_service_bytes_recursive: null } }))).toEqual({ read: 0, write: 0 });
  });

  it('sums a service over its replicas; the limit is the largest replica\'s', () => {
    const one = (id: string, service: string, cpu: number, memory: number, limit: number): ContainerStats => ({ id, name: id, service, cpuPercent: cpu, memoryUsage: memory, memoryLimit: limit, memoryPercent: (memory / limit) * 100, netRx: 1, netTx: 2, blockRead: 3, blockWrite: 4, pids: 5 });
    const sums = sumByService([one('w2', 'web', 50, 100, 1000), one('db', 'db', 1, 10, 2000), one('w1', 'web', 25, 300, 4000)]);
    expect(sums.map((s) => s.service)).toEqual(['db', 'web']);
    expect(sums[1]).toMatchObject({ containers: 2, cpuPercent: 75, memoryUsage: 400, memoryLimit: 4000, memoryPercent: 17.5, netRx: 2, netTx: 4, blockRead: 6, blockWrite: 8, pids: 10 });
  });

  it('reads an engine answer with fields missing as zeros, not a crash', () => {
    const usage = usageOf(EngineStats.parse({ read: '0001-01-01T00:00:00Z', pids_stats: {}, memory_stats: {} }));
    expect(usage).toMatchObject({ cpuPercent: 0, memoryUsage: 0, memoryPercent: 0, netRx: 0, pids: 0 });
  });
});
