import { SlipwayError } from '../../../shared/errors';
import type { Command } from '../command';
import { stackProject } from '../stack-cli';

const PROTOCOLS = ['tcp', 'udp', 'sctp'] as const;

export const portCommand: Command = {
  name: 'port',
  summary: 'Print the host address a service’s container port is published on',
  usage: 'slipway port [--protocol tcp|udp|sctp] [--index N] SERVICE PRIVATE_PORT',
  options: {
    protocol: { type: 'string' },
    index: { type: 'string' },
  },
  async run(ctx, args) {
    const [service, portText] = args.positionals;
    if (service === undefined || portText === undefined || args.positionals.length > 2) throw new SlipwayError('usage', 'port: needs a service and a private port', `Usage: ${this.usage}`);
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new SlipwayError('usage', `port: "${portText}" is not a port number`);
    const protocol = PROTOCOLS.find((p) => p === (args.values.protocol ?? 'tcp'));
    if (protocol === undefined) throw new SlipwayError('usage', `port: unknown protocol "${String(args.values.protocol)}"`, 'Use tcp, udp or sctp.');
    const index = args.values.index === undefined ? undefined : Number(args.values.index);
    if (index !== undefined && (!Number.isInteger(index) || index < 1)) throw new SlipwayError('usage', `port: --index takes a container number (1, 2, …), not "${String(args.values.index)}"`);
    const project = await stackProject(ctx, { nameOnly: true, services: [service] });
    const published = await ctx.client().call('stack.port', { projectId: project.projectId, service, port, protocol, ...(index !== undefined ? { index } : {}) });
    if (!published) throw new SlipwayError('no_port', `no port ${port}/${protocol} for container ${service}`, 'Publish it with ports: in the compose file.');
    ctx.out(`${published.hostIp}:${published.port}`);
    return 0;
  },
};
