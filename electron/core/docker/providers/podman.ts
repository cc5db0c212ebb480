import type { HostInstance, HostProvider, HostState } from './types';
import { parseJsonLines, runTool, setResources, str } from './run-tool';

/** `podman machine list --format json`: an array of {Name, Default, Running, Starting, VMType, CPUs, Memory, DiskSize…}. */
export function parsePodmanMachineList(stdout: string): HostInstance[] {
  return parseJsonLines(stdout).flatMap((row) => {
    const raw = str(row.Name);
    if (!raw) return [];
    const name = raw.replace(/\*$/, '');
    const state: HostState = row.Running === true ? 'running' : row.Starting === true ? 'starting' : 'stopped';
    const instance: HostInstance = {
      name: `podman/${name}`,
      provider: 'podman',
      title: `Podman machine (${name})${row.Default === true || raw.endsWith('*') ? ', default' : ''}`,
      state,
      canStart: state === 'stopped',
      canStop: state === 'running',
      startCommand: `podman machine start ${name}`,
      stopCommand: `podman machine stop ${name}`,
    };
    setResources(instance, { cpus: row.CPUs, memory: row.Memory, disk: row.DiskSize, runtime: row.VMType });
    return [instance];
  });
}

/** `podman machine inspect NAME`: [{ConnectionInfo: {PodmanSocket: {Path}}, State}] → the API socket (Docker-compatible). */
export function parsePodmanInspectSocket(stdout: string): string | undefined {
  const [first] = parseJsonLines(stdout);
  const info = first?.ConnectionInfo;
  const socket = info && typeof info === 'object' && 'PodmanSocket' in info ? info.PodmanSocket : undefined;
  return str(socket && typeof socket === 'object' && 'Path' in socket ? socket.Path : undefined);
}

const machineName = (instance: HostInstance): string => instance.name.slice('podman/'.length);

export const podmanProvider: HostProvider = {
  id: 'podman',
  title: 'Podman machine',
  detect: async (system) => system.platform !== 'linux' && (await system.which('podman')) !== undefined,
  async list(system) {
    const result = await system.run('podman', ['machine', 'list', '--format', 'json'], { timeoutMs: 15_000 });
    if (result.code !== 0) return [];
    const machines = parsePodmanMachineList(result.stdout);
    for (const machine of machines) {
      const inspect = await system.run('podman', ['machine', 'inspect', machineName(machine)], { timeoutMs: 15_000 });
      const socket = inspect.code === 0 ? parsePodmanInspectSocket(inspect.stdout) : undefined;
      if (socket) machine.dockerHost = `unix://${socket}`;
    }
    return machines;
  },
  async start(system, instance) {
    await runTool(system, 'podman', ['machine', 'start', machineName(instance)], `Starting ${instance.title}`, `Run \`podman machine start ${machineName(instance)}\` in a terminal to see the whole output.`);
  },
  async stop(system, instance) {
    await runTool(system, 'podman', ['machine', 'stop', machineName(instance)], `Stopping ${instance.title}`, 'Try again, or stop it from Podman Desktop.');
  },
};
