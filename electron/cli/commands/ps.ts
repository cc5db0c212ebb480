import type { ServiceContainer } from '../../../shared/contract/stack';
import { SlipwayError } from '../../../shared/errors';
import { stringList } from '../env-flags';
import type { Command } from '../command';
import type { CliContext } from '../context';
import { stackProject } from '../stack-cli';

const STATES = ['paused', 'restarting', 'removing', 'running', 'dead', 'created', 'exited'];

export const psCommand: Command = {
  name: 'ps',
  summary: 'List the project’s running containers (-a: stopped ones too): service, state, health, exit code, ports',
  usage: 'slipway ps [SERVICE...] [-a] [-q] [--services] [--status STATE]... [--format table|json] [--json]',
  options: {
    json: { type: 'boolean' },
    format: { type: 'string' },
    all: { type: 'boolean', short: 'a' },
    quiet: { type: 'boolean', short: 'q' },
    services: { type: 'boolean' },
    status: { type: 'string', multiple: true },
  },
  async run(ctx, args) {
    const format = formatOf(args.values.format, args.values.json === true);
    const statuses = stringList(args.values.status);
    const unknownStatus = statuses.find((s) => !STATES.includes(s));
    if (unknownStatus !== undefined) throw new SlipwayError('usage', `ps: unknown status "${unknownStatus}"`, `Use one of: ${STATES.join(', ')}.`);
    const project = await stackProject(ctx, { nameOnly: true, services: args.positionals });
    let rows = await ctx.client().call('stack.ps', {
      projectId: project.projectId,
      ...(args.positionals.length > 0 ? { services: args.positionals } : {}),
      all: args.values.all === true || statuses.length > 0,
    });
    if (statuses.length > 0) rows = rows.filter((r) => statuses.includes(r.state));
    if (args.values.quiet === true) {
      for (const row of rows) ctx.out(row.id);
    } else if (args.values.services === true) {
      for (const service of new Set(rows.map((r) => r.service))) ctx.out(service);
    } else if (format === 'array') {
      ctx.out(JSON.stringify(rows, null, 2));
    } else if (format === 'json') {
      for (const row of rows) ctx.out(JSON.stringify(composeJson(row)));
    } else {
      printTable(rows, (line) => ctx.out(line));
      await printAddresses(ctx, project.projectId, new Set(rows.map((r) => r.service)));
    }
    return 0;
  },
};

/** The services' addresses through a running service proxy (the desktop app's or `slipway serve`'s), under the table. */
async function printAddresses(ctx: CliContext, projectId: string, shown: ReadonlySet<string>): Promise<void> {
  const answer = await ctx.client().call('proxy.urls', { projectId }).catch(() => undefined);
  const urls = (answer?.urls ?? []).filter((u) => shown.has(u.service));
  if (urls.length === 0) return;
  const width = Math.max(...urls.map((u) => u.service.length));
  ctx.out('');
  ctx.out('ADDRESSES (Slipway service proxy)');
  for (const u of urls) ctx.out(`${u.service.padEnd(width)}   ${u.url}`);
}

function formatOf(format: unknown, json: boolean): 'table' | 'json' | 'array' {
  if (json) return 'array';
  if (format === undefined || format === 'table') return 'table';
  if (format === 'json') return 'json';
  throw new SlipwayError('usage', `ps: unknown --format "${String(format)}"`, 'Use --format table or --format json.');
}


/** One line of `docker compose ps --format json`: Compose's field names. */
function composeJson(row: ServiceContainer): Record<string, unknown> {
  return {
    ID: row.id,
    Name: row.container,
    Names: [row.container],
    Image: row.image,
    Command: row.command ?? '',
    Project: row.project ?? '',
    Service: row.service,
    Created: row.created ?? 0,
    State: row.state,
    Status: row.status ?? '',
    Health: row.health ?? '',
    ExitCode: row.exitCode ?? 0,
    Publishers: row.ports.map((p) => ({ URL: p.hostIp ?? '', TargetPort: p.target, PublishedPort: p.published ?? 0, Protocol: p.protocol })),
  };
}

function ports(row: ServiceContainer): string {
  return row.ports
    .map((p) => (p.published ? `${p.hostIp ?? '0.0.0.0'}:${p.published}->${p.target}/${p.protocol}` : `${p.target}/${p.protocol}`))
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
