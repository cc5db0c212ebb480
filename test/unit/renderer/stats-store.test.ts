import { describe, expect, it } from 'vitest';
import { HISTORY_POINTS, createStatsStore } from '../../../renderer/src/stats/stats-store';
import type { ServiceStats } from '../../../shared/contract/stats';

const service = (name: string, cpuPercent: number, memoryUsage: number): ServiceStats => ({ service: name, containers: 1, cpuPercent, memoryUsage, memoryLimit: 1000, memoryPercent: memoryUsage / 10, netRx: 0, netTx: 0, blockRead: 0, blockWrite: 0, pids: 1 });

describe('the dashboard\'s live resources store', () => {
  it('keeps the last minute of CPU and memory per service, oldest first', () => {
    const store = createStatsStore('shop');
    for (let i = 1; i <= HISTORY_POINTS + 5; i++) store.getState().add({ at: i, services: [service('web', i, i * 10)], containers: [] });
    const web = store.getState().services.web;
    expect(web?.cpu).toHaveLength(HISTORY_POINTS);
    expect(web?.cpu[0]).toBe(6);
    expect(web?.cpu.at(-1)).toBe(HISTORY_POINTS + 5);
    expect(web?.memory.at(-1)).toBe((HISTORY_POINTS + 5) * 10);
    expect(web?.latest.cpuPercent).toBe(HISTORY_POINTS + 5);
  });

  it('drops a service that no longer runs, and starts it afresh when it runs again', () => {
    const store = createStatsStore('shop');
    store.getState().add({ at: 1, services: [service('web', 1, 1), service('db', 2, 2)], containers: [] });
    store.getState().add({ at: 2, services: [service('db', 3, 3)], containers: [] });
    expect(store.getState().services.web).toBeUndefined();
    expect(store.getState().services.db?.cpu).toEqual([2, 3]);
    store.getState().add({ at: 3, services: [service('web', 9, 9), service('db', 4, 4)], containers: [] });
    expect(store.getState().services.web?.cpu).toEqual([9]);
  });
});
