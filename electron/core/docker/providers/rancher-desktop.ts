import path from 'node:path';
import type { HostProvider, HostState } from './types';
import { appInstance, parseJsonLines, runTool, str } from './run-tool';

/** `rdctl api /v1/backend_state`: {"vmState":"STARTED","locked":false}. */
export function parseRancherBackendState(stdout: string): HostState {
  const [json] = parseJsonLines(stdout);
  switch (str(json?.vmState)) {
    case 'STARTED':
      return 'running';
    case 'STARTING':
      return 'starting';
    case 'STOPPING':
      return 'stopping';
    case 'STOPPED':
    case 'DISABLED':
      return 'stopped';
    case 'ERROR':
      return 'error';
    default:
      return 'unknown';
  }
}

export const rancherDesktopProvider: HostProvider = {
  id: 'rancher-desktop',
  title: 'Rancher Desktop',
  detect: async (system) => (await system.which('rdctl')) !== undefined,
  async list(system) {
    const socket = path.join(system.home, '.rd', 'docker.sock');
    const result = await system.run('rdctl', ['api', '/v1/backend_state'], { timeoutMs: 15_000 });
    // rdctl cannot reach the app when Rancher Desktop is not running
    const state: HostState = result.code === 0 ? parseRancherBackendState(result.stdout) : 'stopped';
    return [appInstance('rancher-desktop', 'Rancher Desktop', state, socket, 'rdctl start', 'rdctl shutdown')];
  },
  async start(system) {
    await runTool(system, 'rdctl', ['start'], 'Starting Rancher Desktop', 'Open Rancher Desktop from your applications; choose the dockerd (moby) engine.');
  },
  async stop(system) {
    await runTool(system, 'rdctl', ['shutdown'], 'Stopping Rancher Desktop', 'Quit Rancher Desktop from its menu.');
  },
};
