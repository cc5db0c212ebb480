import path from 'node:path';
import type { HostInstance, HostProvider, HostState, ProviderSystem } from './types';
import { parseJsonLines, runTool, setResources, str } from './run-tool';

/** `colima list --json`: one object per profile and line (name, status, arch, cpus, memory, disk, runtime, address). */
export function parseColimaList(stdout: string, home: string, env: Record<string, string | undefined> = {}): HostInstance[] {
  return parseJsonLines(stdout).flatMap((row) => {
    const profile = str(row.name);
    if (!profile) return [];
    const status = (str(row.status) ?? '').toLowerCase();
    const state: HostState = status === 'running' ? 'running' : status === 'stopped' ? 'stopped' : status === 'broken' ? 'error' : 'unknown';
    const runtime = str(row.runtime);
    const name = profile === 'default' ? 'colima' : `colima/${profile}`;
    const profileArgs = profile === 'default' ? '' : ` --profile ${profile}`;
    const colimaHome = env.COLIMA_HOME || path.join(home, '.colima');
    const instance: HostInstance = {
      name,
      provider: 'colima',
      title: `Colima (${profile})`,
      state,
      canStart: state !== 'running',
      canStop: state === 'running',
      startCommand: `colima start${profileArgs}`,
      stopCommand: `colima stop${profileArgs}`,
    };
    if (!runtime || runtime.startsWith('docker')) instance.dockerHost = `unix://${path.join(colimaHome, profile, 'docker.sock')}`;
    else instance.detail = `runtime ${runtime} has no Docker socket`;
    setResources(instance, { cpus: row.cpus, memory: row.memory, disk: row.disk, arch: row.arch, runtime });
    return [instance];
  });
}

const profileOf = (instance: HostInstance): string[] => (instance.name === 'colima' ? [] : ['--profile', instance.name.slice('colima/'.length)]);

export const colimaProvider: HostProvider = {
  id: 'colima',
  title: 'Colima',
  detect: async (system) => (await system.which('colima')) !== undefined,
  async list(system: ProviderSystem) {
    const result = await system.run('colima', ['list', '--json'], { timeoutMs: 15_000 });
    if (result.code !== 0) return [];
    return parseColimaList(result.stdout, system.home, system.env);
  },
  async start(system, instance) {
    await runTool(system, 'colima', ['start', ...profileOf(instance)], `Starting ${instance.title}`, 'Run `colima start` in a terminal to see the whole output (`colima status` tells the state).');
  },
  async stop(system, instance) {
    await runTool(system, 'colima', ['stop', ...profileOf(instance)], `Stopping ${instance.title}`, 'Try `colima stop --force`.');
  },
};
