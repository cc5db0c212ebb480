import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
}

export const REGISTRY_BINARY = ['/usr/bin/docker-registry'].find((p) => existsSync(p));

/** Debian's docker-registry (distribution 2.8) with htpasswd (bcrypt) auth on loopback. */
export async function startRegistry(): Promise<TestRegistry> {
  if (!REGISTRY_BINARY) throw new Error('docker-registry is not installed (Debian package docker-registry)');
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
  const child = startOwnedProcess(REGISTRY_BINARY, ['serve', path.join(dir, 'config.yml')], path.join(dir, 'registry.log'));
  const port = await listenPortFromLog(path.join(dir, 'registry.log'), /listening on 127\.0\.0\.1:(\d+)/, 'the registry', child);
  const address = `127.0.0.1:${port}`;
  await waitUntil(async () => {
    const res = await fetch(`http://${address}/v2/`);
    return res.status === 401;
  }, 'the registry to answer', 20_000, 100, child);
  return {
    address,
    username,
    password,
    dir,
    process: child,
    async stop() {
      await stopOwnedProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
