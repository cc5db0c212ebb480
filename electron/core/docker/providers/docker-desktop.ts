import path from 'node:path';
import type { HostProvider, HostState, ProviderSystem } from './types';
import { appInstance, parseJsonLines, runTool, str } from './run-tool';

/** `docker desktop status` — JSON ({"Status":"running",…}) or the pretty table ("Status   running"). */
export function parseDockerDesktopStatus(stdout: string): HostState {
  const [json] = parseJsonLines(stdout);
  let status = json ? str(json.Status ?? json.status) : undefined;
  if (!status) status = /^\s*Status\s+(\S+)/im.exec(stdout)?.[1];
  switch ((status ?? '').toLowerCase()) {
    case 'running':
      return 'running';
    case 'stopped':
    case 'paused':
      return 'stopped';
    case 'starting':
      return 'starting';
    case 'stopping':
      return 'stopping';
    default:
      return 'unknown';
  }
}

function socketOf(system: ProviderSystem): string {
  return system.platform === 'linux' ? path.join(system.home, '.docker', 'desktop', 'docker.sock') : path.join(system.home, '.docker', 'run', 'docker.sock');
}

function installed(system: ProviderSystem): boolean {
  if (system.platform === 'darwin') return system.exists('/Applications/Docker.app') || system.exists(path.join(system.home, 'Applications', 'Docker.app'));
  if (system.platform === 'linux') return system.exists('/opt/docker-desktop') || system.exists(path.join(system.home, '.docker', 'desktop'));
  return false;
}

export const dockerDesktopProvider: HostProvider = {
  id: 'docker-desktop',
  title: 'Docker Desktop',
  detect: async (system) => installed(system),
  async list(system) {
    const socket = socketOf(system);
    let state: HostState = 'unknown';
    const status = await system.run('docker', ['desktop', 'status', '--format', 'json'], { timeoutMs: 15_000 }).catch(() => undefined);
    if (status && status.code === 0) state = parseDockerDesktopStatus(status.stdout);
    // older versions have no `docker desktop`: the socket tells
    if (state === 'unknown') state = (await system.probe(`unix://${socket}`)) ? 'running' : 'stopped';
    return [appInstance('docker-desktop', 'Docker Desktop', state, socket, 'docker desktop start', 'docker desktop stop')];
  },
  async start(system) {
    const hasCli = await system.run('docker', ['desktop', 'version'], { timeoutMs: 15_000 }).catch(() => undefined);
    if ((!hasCli || hasCli.code !== 0) && system.platform === 'darwin') {
      await runTool(system, 'open', ['-a', 'Docker'], 'Starting Docker Desktop', 'Open Docker Desktop from Applications.');
      return;
    }
    await runTool(system, 'docker', ['desktop', 'start'], 'Starting Docker Desktop', 'Open Docker Desktop from your applications menu.');
  },
  async stop(system) {
    await runTool(system, 'docker', ['desktop', 'stop'], 'Stopping Docker Desktop', 'Quit Docker Desktop from its menu.');
  },
};
