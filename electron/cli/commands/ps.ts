import type { ServiceContainer } from '../../../shared/contract/stack';
import { psProject } from '../../core/stack';
import type { Command } from '../command';
import { stackProject, withEngine } from '../stack-cli';

export const psCommand: Command = {
  name: 'ps',
  summary: 'List the project’s containers: service, state, health, exit code, ports',
  usage: 'slipway ps [SERVICE...] [--json] [-a]',
  options: { json: { type: 'boolean' }, all: { type: 'boolean', short: 'a' } },
  async run(ctx, args) {
    return withEngine(ctx, async () => {
      const { project, fromFile } = await stackProject(ctx, { nameOnly: true });
      let rows = await psProject(ctx.core(), project);
      // Without a compose file nothing can be called an orphan.
      if (!fromFile) rows = rows.map((r) => ({ ...r, orphan: false }));
      if (args.positionals.length > 0) rows = rows.filter((r) => args.positionals.includes(r.service));
      if (args.values.json === true) {
        ctx.out(JSON.stringify(rows, null, 2));
        return 0;
      }
      printTable(rows, (line) => ctx.out(line));
      return 0;
    });
  },
};

function ports(row: ServiceContainer): string {
  return row.ports
    .map((p) => (p.hostPort ? `${p.hostIp ?? '0.0.0.0'}:${p.hostPort}->${p.containerPort}/${p.protocol}` : `${p.containerPort}/${p.protocol}`))
    .filter((p, i, all) => all.indexOf(p) === i)
    .join(', ');
}

function status(row: ServiceContainer): string {
  if (row.state === 'exited') return `exited (${row.exitCode ?? '?'})`;
  return row.health ? `${row.state} (${row.health})` : row.state;
}

export function printTable(rows: ServiceContainer[], out: (line: string) => void): void {
  const table = [['NAME', 'SERVICE', 'STATUS', 'PORTS'], ...rows.map((r) => [r.container, r.orphan ? `${r.service} (orphan)` : r.service, status(r), ports(r)])];
  const widths = [0, 1, 2].map((i) => Math.max(...table.map((row) => (row[i] ?? '').length)));
  for (const row of table) out(row.map((cell, i) => (i < 3 ? cell.padEnd((widths[i] ?? 0) + 3) : cell)).join('').trimEnd());
}
