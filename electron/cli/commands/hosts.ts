import type { Command } from '../command';
import type { HostCandidate } from '../../../shared/contract/host';
import { formatBytes } from '../../../shared/format-bytes';
import { roundTripText } from '../../../shared/round-trip';
import { wantsJson } from '../output-format';


function hostRows(hosts: HostCandidate[]): string[] {
  const rows = hosts.map((h) => [
    `${h.current ? '*' : ' '} ${h.name}`,
    h.state,
    h.url ?? '-',
    [h.cpus !== undefined ? `${h.cpus} CPU` : '', h.memoryBytes !== undefined ? formatBytes(h.memoryBytes) : '', h.canStart && h.startCommand ? `start: ${h.startCommand}` : '', h.detail ?? ''].filter(Boolean).join(', '),
  ]);
  const header = ['  NAME', 'STATE', 'ADDRESS', 'DETAIL'];
  const widths = header.map((_, i) => Math.max(header[i]?.length ?? 0, ...rows.map((r) => r[i]?.length ?? 0)));
  return [header, ...rows].map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
}

export const hostsCommand: Command = {
  name: 'hosts',
  summary: 'List the Docker hosts found here (VMs and services, docker contexts, sockets) and their state',
  usage: 'slipway hosts [--json] [--format table|json]',
  options: { json: { type: 'boolean' }, format: { type: 'string' } },
  async run(ctx, args) {
    const client = ctx.client();
    const [current, list] = await Promise.all([client.call('host.status', { withProvider: false }), client.call('host.list', {})]);
    if (wantsJson('hosts', args.values)) {
      ctx.out(JSON.stringify({ current, hosts: list }, null, 2));
      return 0;
    }
    for (const line of hostRows(list)) ctx.out(line);
    ctx.out('');
    if (current.reachable && current.engine) {
      ctx.out(`Current: ${current.host.url} (${current.host.source}) — Docker ${current.engine.version}, API ${current.engine.apiVersion}`);
      const roundTrip = roundTripText(current);
      if (roundTrip) ctx.out(`Round trip: ${roundTrip}`);
    } else {
      ctx.out(`Current: ${current.host.url || '(none)'} (${current.host.source}) — not reachable: ${current.error?.message ?? 'no answer'}`);
      if (current.error?.hint) ctx.out(current.error.hint);
    }
    return 0;
  },
};
