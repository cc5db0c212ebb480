import path from 'node:path';
import { SlipwayError } from '../../../shared/errors';
import type { Command } from '../command';
import type { CliContext } from '../context';
import { runSession } from '../exec-stream';
import { projectFromContext } from '../project-target';
import { progressPrinter } from '../stack-cli';

/** One side of `cp`, as Compose's splitCpArg reads it: `SERVICE:PATH`, or a local path (absolute, `./x:y`, no colon). */
export function splitCpArg(arg: string): { service?: string; path: string } {
  if (path.isAbsolute(arg)) return { path: arg };
  const colon = arg.indexOf(':');
  if (colon < 0 || arg.startsWith('.')) return { path: arg };
  return { service: arg.slice(0, colon), path: arg.slice(colon + 1) };
}

/** A local path made absolute from where slipway runs, its trailing `/` or `/.` kept (they change what docker cp does). */
function localPath(ctx: CliContext, p: string): string {
  if (p === '-') return p;
  const absolute = path.resolve(ctx.cwd, p);
  if (p.endsWith('/.') || p === '.') return `${absolute}/.`;
  return p.endsWith('/') && absolute !== '/' ? `${absolute}/` : absolute;
}

export const cpCommand: Command = {
  name: 'cp',
  summary: 'Copy files or folders between a service container and the local filesystem (- for a tar on stdin/stdout)',
  usage: 'slipway cp [--index N] [--all] [-a] [-L] SERVICE:SRC_PATH DEST_PATH|-  or  slipway cp [OPTIONS] SRC_PATH|- SERVICE:DEST_PATH',
  options: {
    index: { type: 'string' },
    all: { type: 'boolean' },
    archive: { type: 'boolean', short: 'a' },
    'follow-link': { type: 'boolean', short: 'L' },
  },
  async run(ctx, args) {
    const [sourceArg, destArg, ...extra] = args.positionals;
    if (sourceArg === undefined || destArg === undefined || extra.length > 0) throw new SlipwayError('usage', 'cp: needs exactly a source and a destination', `Usage: ${this.usage}`);
    if (sourceArg === '') throw new SlipwayError('usage', 'cp: source can not be empty');
    if (destArg === '') throw new SlipwayError('usage', 'cp: destination can not be empty');
    const source = splitCpArg(sourceArg);
    const dest = splitCpArg(destArg);
    if (source.service !== undefined && dest.service !== undefined) throw new SlipwayError('usage', 'cp: copying between services is not supported', 'Copy to the local filesystem first, then into the other service.');
    if (source.service === undefined && dest.service === undefined) throw new SlipwayError('usage', 'cp: one of the two paths must name a service (SERVICE:PATH)', `Usage: ${this.usage}`);
    const direction = source.service !== undefined ? 'from' : 'to';
    const service = source.service ?? dest.service ?? '';
    const containerPath = direction === 'from' ? source.path : dest.path;
    const hostPath = localPath(ctx, direction === 'from' ? dest.path : source.path);
    if (containerPath === '') throw new SlipwayError('usage', `cp: ${service}: needs a path in the container (${service}:/PATH)`);
    const index = indexFlag(args.values.index);
    const target = await projectFromContext(ctx, [service]);
    const common = {
      projectId: target.projectId,
      service,
      containerPath,
      ...(index !== undefined ? { index } : {}),
      all: args.values.all === true,
      followLink: args.values['follow-link'] === true,
      archive: args.values.archive === true,
    };
    const client = ctx.client();
    if (hostPath === '-') {
      return runSession(client, async () => (await client.call('stack.cpStream', { ...common, direction })).sessionId, { tty: false, noInput: direction === 'from' }, { stdin: process.stdin, stdout: ctx.stdout, stderr: ctx.stderr });
    }
    await client.runTask('stack.cp', { ...common, direction, hostPath }, progressPrinter(ctx));
    return 0;
  },
};

function indexFlag(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!/^[1-9]\d*$/.test(text)) throw new SlipwayError('usage', `cp: --index takes a container number (1, 2, …), not "${text}"`);
  return Number(text);
}
