import path from 'node:path';
import type { HostInstance, HostProvider, HostState } from './types';
import { parseJsonLines, runTool, setResources, str } from './run-tool';

/**
 * `limactl list --json`: one object per instance and line (name, status, dir, vmType,
 * arch, cpus, memory, disk…). Colima's own instances (named colima*, under ~/.colima/_lima)
 * are left to the Colima provider. An instance made from the docker template has its
 * socket in DIR/sock/docker.sock.
 */
export function parseLimaList(stdout: string, exists: (file: string) => boolean = () => true): HostInstance[] {
  return parseJsonLines(stdout).flatMap((row) => {
    const name = str(row.name);
    if (!name) return [];
    const dir = str(row.dir);
    if (dir && dir.includes(`${path.sep}_lima${path.sep}`)) return [];
    const status = (str(row.status) ?? '').toLowerCase();
    const state: HostState = status === 'running' ? 'running' : status === 'stopped' ? 'stopped' : status === 'broken' ? 'error' : 'unknown';
    const instance: HostInstance = {
      name: `lima/${name}`,
      provider: 'lima',
      title: `Lima (${name})`,
      state,
      canStart: state !== 'running',
      canStop: state === 'running',
      startCommand: `limactl start ${name}`,
      stopCommand: `limactl stop ${name}`,
    };
    if (dir) {
      const socket = path.join(dir, 'sock', 'docker.sock');
      if (state !== 'running' || exists(socket)) instance.dockerHost = `unix://${socket}`;
      else instance.detail = 'no Docker socket in this instance (make it from the docker template: `limactl start template://docker`)';
    }
    setResources(instance, { cpus: row.cpus, memory: row.memory, disk: row.disk, arch: row.arch, runtime: row.vmType });
    return [instance];
  });
}

const limaName = (instance: HostInstance): string => instance.name.slice('lima/'.length);

export const limaProvider: HostProvider = {
  id: 'lima',
  title: 'Lima',
  detect: async (system) => (await system.which('limactl')) !== undefined,
  async list(system) {
    const result = await system.run('limactl', ['list', '--json'], { timeoutMs: 15_000 });
    if (result.code !== 0) return [];
    return parseLimaList(result.stdout, system.exists);
  },
  async start(system, instance) {
    await runTool(system, 'limactl', ['start', limaName(instance)], `Starting ${instance.title}`, `Run \`limactl start ${limaName(instance)}\` in a terminal to see the whole output.`);
  },
  async stop(system, instance) {
    await runTool(system, 'limactl', ['stop', limaName(instance)], `Stopping ${instance.title}`, `Try \`limactl stop -f ${limaName(instance)}\`.`);
  },
};
