import { existsSync } from 'node:fs';
import type { HostCandidate } from '../../../shared/contract/host';
import { connectDocker, type ConnectOptions } from '../docker/connect';
import { defaultSocketCandidates } from '../docker/default-sockets';
import { listContexts } from '../docker/docker-config';
import { pingOnce } from '../docker/ping-host';
import type { ResolvedHost } from '../docker/resolve-host';
import { listHostInstances, type HostProvider, type HostState, type ProviderSystem } from '../docker/providers/index';

export interface ListOptions {
  env: Record<string, string | undefined>;
  current?: ResolvedHost;
  system: ProviderSystem;
  providers?: HostProvider[];
  probeTimeoutMs?: number;
}

/** Every candidate host with its state; probes run side by side, each bounded in time. */
export async function listHostCandidates(options: ListOptions): Promise<HostCandidate[]> {
  const { env, current } = options;
  const timeoutMs = options.probeTimeoutMs ?? 3_000;
  const probe = (url: string): Promise<HostState> => probeEngine({ host: url, env }, timeoutMs);
  const providerPart = listHostInstances(options.system, options.providers).then((instances) =>
    instances.map((i): HostCandidate => {
      const c: HostCandidate = { name: i.name, kind: 'provider', title: i.title, state: i.state, current: false, canStart: i.canStart, canStop: i.canStop };
      if (i.dockerHost) c.url = i.dockerHost;
      if (i.startCommand) c.startCommand = i.startCommand;
      if (i.stopCommand) c.stopCommand = i.stopCommand;
      if (i.detail) c.detail = i.detail;
      if (i.cpus !== undefined) c.cpus = i.cpus;
      if (i.memoryBytes !== undefined) c.memoryBytes = i.memoryBytes;
      return c;
    }),
  );
  let contexts: ReturnType<typeof listContexts>;
  try {
    contexts = listContexts(env);
  } catch {
    contexts = [];
  }
  const contextPart = Promise.all(
    contexts.map(async (ctx): Promise<HostCandidate> => {
      const c: HostCandidate = { name: `context:${ctx.name}`, kind: 'context', title: `Docker context ${ctx.name}`, state: 'unknown', current: false, canStart: false, canStop: false };
      if (ctx.description) c.detail = ctx.description;
      if (ctx.host) {
        c.url = ctx.host;
        c.state = await probeEngine({ context: ctx.name, env }, timeoutMs);
      } else c.detail = 'no docker endpoint';
      return c;
    }),
  );
  const extra: Promise<HostCandidate>[] = [];
  if (env.DOCKER_HOST) {
    const url = env.DOCKER_HOST;
    extra.push(probe(url).then((state) => ({ name: 'env', kind: 'env', title: 'DOCKER_HOST', url, state, current: false, canStart: false, canStop: false })));
  }
  for (const socket of defaultSocketCandidates(env)) {
    if (!existsSync(socket.path)) continue;
    const url = `unix://${socket.path}`;
    extra.push(probe(url).then((state) => ({ name: `socket:${socket.path}`, kind: 'socket', title: `${socket.label} socket`, url, state, current: false, canStart: false, canStop: false })));
  }
  const all = [...(await providerPart), ...(await contextPart), ...(await Promise.all(extra))];
  // the same address twice (a provider and its context): keep the first, which knows more
  const seen = new Set<string>();
  const unique = all.filter((c) => {
    if (!c.url) return true;
    if (seen.has(c.url)) return false;
    seen.add(c.url);
    return true;
  });
  if (current) {
    const match = unique.find((c) => (current.context && c.name === `context:${current.context}`) || c.url === current.url);
    if (match) match.current = true;
    else unique.unshift({ name: 'current', kind: current.url.startsWith('unix://') ? 'socket' : 'env', title: `current (${current.source})`, url: current.url, state: await probe(current.url), current: true, canStart: false, canStop: false });
  }
  return unique;
}

/** running when an engine answers at the address or context, stopped when not, error when it cannot even be resolved. */
async function probeEngine(target: ConnectOptions, timeoutMs: number): Promise<HostState> {
  try {
    return (await pingOnce(connectDocker(target), timeoutMs)).ok ? 'running' : 'stopped';
  } catch {
    return 'error';
  }
}
