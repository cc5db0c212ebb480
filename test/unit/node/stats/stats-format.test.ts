import { describe, expect, it } from 'vitest';
import { dockerStatsRow, statsLines } from '../../../../electron/cli/stats-format';
import type { ContainerStats } from '../../../../shared/contract/stats';

const busy: ContainerStats = { id: '8e4d8ed6f76f7e93542a2b5c4276c9630a269f31b312657707757a21e7c3f892', name: 'demo-busy-1', service: 'busy', cpuPercent: 59.1467, memoryUsage: 233472, memoryLimit: 25276502016, memoryPercent: 0.000923, netRx: 1042, netTx: 0, blockRead: 0, blockWrite: 20971520, pids: 1 };

describe('slipway stats output', () => {
  it('has docker stats --format json\'s fields, in its order, with its text', () => {
    const row = dockerStatsRow(busy);
    expect(statsLines([row], 'json')).toEqual([
      '{"BlockIO":"0B / 21MB","CPUPerc":"59.15%","Container":"8e4d8ed6f76f","ID":"8e4d8ed6f76f","MemPerc":"0.00%","MemUsage":"228KiB / 23.54GiB","Name":"demo-busy-1","NetIO":"1.04kB / 0B","PIDs":"1"}',
    ]);
  });

  it('prints docker\'s default table, and templates with or without `table`', () => {
    const row = dockerStatsRow(busy);
    expect(statsLines([row])).toEqual([
      'CONTAINER ID   NAME          CPU %     MEM USAGE / LIMIT   MEM %     NET I/O       BLOCK I/O   PIDS',
      '8e4d8ed6f76f   demo-busy-1   59.15%    228KiB / 23.54GiB   0.00%     1.04kB / 0B   0B / 21MB   1',
    ]);
    expect(statsLines([row], '{{.Name}}: {{.CPUPerc}}')).toEqual(['demo-busy-1: 59.15%']);
    expect(statsLines([row], 'table {{.Name}}\\t{{.PIDs}}')).toEqual(['NAME          PIDS', 'demo-busy-1   1']);
  });

  it('refuses a template naming a field docker stats does not have', () => {
    expect(() => statsLines([], '{{.Cpu}}')).toThrow(/unknown field "Cpu"/);
  });
});
