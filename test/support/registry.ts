import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listenPortFromLog, startOwnedProcess, stopOwnedProcess, waitUntil } from './processes';

export interface TestRegistry {
  /** host:port on 127.0.0.1, e.g. 127.0.0.1:41234 */
  address: string;
  username: string;
  password: string;
  dir: string;
  process: ChildProcess;
  stop(): Promise<void>;
  /** Stops the registry process and keeps its data and login, to start it again with resume(). */
  halt(): Promise<void>;
  /** Starts the halted registry again on its data (on a port of its choosing: `address` changes). */
  resume(): Promise<void>;
}

export const REGISTRY_BINARY = ['/usr/bin/docker-registry'].find((p) => existsSync(p));

/** Debian's docker-registry (distribution 2.8) with htpasswd (bcrypt) auth on loopback. */
export async function startRegistry(): Promise<TestRegistry> {
  const binary = REGISTRY_BINARY;
  if (!binary) throw new Error('docker-registry is not installed (Debian package docker-registry)');
  const dir = mkdtempSync('/tmp/swr-');
  const username = 'slipway';
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const htpasswd = execFileSync('htpasswd', ['-Bbn', username, password], { encoding: 'utf8' });
  writeFileSync(path.join(dir, 'htpasswd'), htpasswd);
  writeFileSync(
    path.join(dir, 'config.yml'),
    [
      'version: 0.1',
      'log:',
      '  level: info',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${path.join(dir, 'data')}`,
      '  delete:',
      '    enabled: true',
      'http:',
      // Port 0: the registry picks it and names it in its log ("listening on …").
      '  addr: 127.0.0.1:0',
      'auth:',
      '  htpasswd:',
      '    realm: slipway-test',
      `    path: ${path.join(dir, 'htpasswd')}`,
      '',
    ].join('\n'),
  );
  const registry: TestRegistry = {
    ...(await serveRegistry(binary, dir)),
    username,
    password,
    dir,
    async stop() {
      await stopOwnedProcess(registry.process);
      rmSync(dir, { recursive: true, force: true });
    },
    async halt() {
      await stopOwnedProcess(registry.process);
    },
    async resume() {
      Object.assign(registry, await serveRegistry(binary, dir));
    },
  };
  return registry;
}

/** Runs the registry of `dir` and waits until it answers; a new log file each time, so the port read is this run's. */
async function serveRegistry(binary: string, dir: string): Promise<{ address: string; process: ChildProcess }> {
  const log = path.join(dir, `registry-${Date.now()}.log`);
  const child = startOwnedProcess(binary, ['serve', path.join(dir, 'config.yml')], log);
  const port = await listenPortFromLog(log, /listening on 127\.0\.0\.1:(\d+)/, 'the registry', child);
  const address = `127.0.0.1:${port}`;
  await waitUntil(async () => {
    const res = await fetch(`http://${address}/v2/`);
    return res.status === 401;
  }, 'the registry to answer', 20_000, 100, child);
  return { address, process: child };
}

/** The tags a repository (`team/app`, without the registry) has in the registry; [] when it has none. */
export async function registryTags(registry: { address: string; username: string; password: string }, repository: string): Promise<string[]> {
  const auth = Buffer.from(`${registry.username}:${registry.password}`).toString('base64');
  const res = await fetch(`http://${registry.address}/v2/${repository}/tags/list`, { headers: { Authorization: `Basic ${auth}` } });
  if (res.status === 404) return [];
  const body = (await res.json()) as { tags?: string[] | null };
  return (body.tags ?? []).sort();
}

/** A DOCKER_CONFIG folder's config.json with the login for `address` (written into `dir`). */
export function dockerConfigWithLogin(dir: string, address: string, registry: { username: string; password: string }): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: { [address]: { auth: Buffer.from(`${registry.username}:${registry.password}`).toString('base64') } } }));
}
