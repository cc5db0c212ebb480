import path from 'node:path';
import type { HostProvider, HostState } from './types';
import { appInstance, runTool } from './run-tool';

/** `orbctl status` prints one word: Running, Stopped, Starting… */
export function parseOrbStatus(stdout: string): HostState {
  const word = stdout.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (word === 'running') return 'running';
  if (word === 'stopped') return 'stopped';
  if (word === 'starting') return 'starting';
  if (word === 'stopping') return 'stopping';
  return 'unknown';
}

export const orbstackProvider: HostProvider = {
  id: 'orbstack',
  title: 'OrbStack',
  detect: async (system) => system.platform === 'darwin' && ((await system.which('orbctl')) !== undefined || system.exists(path.join(system.home, '.orbstack'))),
  async list(system) {
    const socket = path.join(system.home, '.orbstack', 'run', 'docker.sock');
    const result = await system.run('orbctl', ['status'], { timeoutMs: 15_000 }).catch(() => undefined);
    let state = result ? parseOrbStatus(result.stdout) : 'unknown';
    if (state === 'unknown') state = (await system.probe(`unix://${socket}`)) ? 'running' : 'stopped';
    return [appInstance('orbstack', 'OrbStack', state, socket, 'orbctl start', 'orbctl stop')];
  },
  async start(system) {
    await runTool(system, 'orbctl', ['start'], 'Starting OrbStack', 'Open OrbStack from Applications.');
  },
  async stop(system) {
    await runTool(system, 'orbctl', ['stop'], 'Stopping OrbStack', 'Quit OrbStack from its menu.');
  },
};
