import path from 'node:path';
import { SlipwayError } from '../../../../shared/errors';
import type { HostInstance, HostProvider, HostState, ProviderId, ProviderSystem } from './types';
import { lastLines } from './run-tool';

/** `systemctl show UNIT --property=ActiveState,SubState,LoadState`: KEY=value lines. */
export function parseSystemctlShow(stdout: string): { state: HostState; loaded: boolean; sub?: string } {
  const props = Object.fromEntries(
    stdout
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const active = props.ActiveState ?? '';
  const state: HostState =
    active === 'active' ? 'running' : active === 'inactive' ? 'stopped' : active === 'activating' || active === 'reloading' ? 'starting' : active === 'deactivating' ? 'stopping' : active === 'failed' ? 'error' : 'unknown';
  const result: { state: HostState; loaded: boolean; sub?: string } = { state, loaded: props.LoadState === 'loaded' };
  if (props.SubState) result.sub = props.SubState;
  return result;
}

const NO_SYSTEMD = /not been booted with systemd|Failed to connect to bus|System has not been booted/i;

interface LinuxDockerOptions {
  id: ProviderId;
  title: string;
  user: boolean;
  unit: string;
  socket(system: ProviderSystem): string;
  installed(system: ProviderSystem): Promise<boolean>;
}

function systemctlArgs(user: boolean, ...rest: string[]): string[] {
  return user ? ['--user', ...rest] : rest;
}

function linuxDocker(options: LinuxDockerOptions): HostProvider {
  const command = (verb: string): string => `${options.user ? 'systemctl --user' : 'sudo systemctl'} ${verb} docker`;
  const act = async (system: ProviderSystem, verb: 'start' | 'stop'): Promise<void> => {
    const result = await system.run('systemctl', systemctlArgs(options.user, verb, options.unit), { timeoutMs: 120_000 });
    if (result.code === 0) return;
    const said = lastLines(result.stderr || result.stdout);
    if (NO_SYSTEMD.test(said)) {
      throw new SlipwayError(
        'host_no_systemd',
        `Cannot ${verb} ${options.title}: systemd is not running on this machine, so its docker service cannot be ${verb === 'start' ? 'started' : 'stopped'} from here`,
        verb === 'start' ? 'Start the engine with your init system, or run it directly: `sudo dockerd` (rootless: `dockerd-rootless.sh`).' : 'Stop the dockerd process yourself (`sudo kill $(cat /var/run/docker.pid)`).',
      );
    }
    throw new SlipwayError('host_command_failed', `Cannot ${verb} ${options.title}: \`systemctl ${systemctlArgs(options.user, verb, options.unit).join(' ')}\` failed${said ? `: ${said}` : ''}`, `Run \`${command(verb)}\` in a terminal.`);
  };
  return {
    id: options.id,
    title: options.title,
    detect: (system) => (system.platform === 'linux' ? options.installed(system) : Promise.resolve(false)),
    async list(system) {
      const socket = options.socket(system);
      const dockerHost = `unix://${socket}`;
      const show = await system.run('systemctl', systemctlArgs(options.user, 'show', options.unit, '--property=ActiveState,SubState,LoadState', '--no-pager'), { timeoutMs: 10_000 }).catch(() => undefined);
      const managed = show !== undefined && show.code === 0 && !NO_SYSTEMD.test(show.stderr) ? parseSystemctlShow(show.stdout) : undefined;
      const instance: HostInstance = {
        name: options.id,
        provider: options.id,
        title: options.title,
        state: 'unknown',
        dockerHost,
        canStart: false,
        canStop: false,
        startCommand: command('start'),
        stopCommand: command('stop'),
      };
      if (managed && managed.loaded) {
        instance.state = managed.state;
        instance.canStart = managed.state === 'stopped' || managed.state === 'error';
        instance.canStop = managed.state === 'running';
        if (managed.sub) instance.detail = `systemd: ${managed.sub}`;
      } else {
        instance.state = (await system.probe(dockerHost)) ? 'running' : 'stopped';
        instance.detail = 'not managed by systemd here: Slipway can see it but not start or stop it';
        instance.startCommand = options.user ? 'dockerd-rootless.sh' : 'sudo dockerd';
        instance.stopCommand = options.user ? 'pkill -u $USER dockerd' : 'sudo kill $(cat /var/run/docker.pid)';
      }
      return [instance];
    },
    start: (system) => act(system, 'start'),
    stop: (system) => act(system, 'stop'),
  };
}

export interface LinuxSocketOverride {
  /** Tests point the system provider at a throwaway engine (and a unit that does not exist). */
  systemSocket?: string;
  systemUnit?: string;
}

export function linuxDockerProvider(override: LinuxSocketOverride = {}): HostProvider {
  return linuxDocker({
    id: 'docker',
    title: 'Docker Engine (systemd)',
    user: false,
    unit: override.systemUnit ?? 'docker.service',
    socket: () => override.systemSocket ?? '/var/run/docker.sock',
    installed: async (system) =>
      (await system.which('dockerd')) !== undefined || system.exists('/lib/systemd/system/docker.service') || system.exists('/usr/lib/systemd/system/docker.service'),
  });
}

export const rootlessDockerProvider: HostProvider = linuxDocker({
  id: 'docker-rootless',
  title: 'Docker Engine (rootless)',
  user: true,
  unit: 'docker.service',
  socket: (system) => path.join(system.env.XDG_RUNTIME_DIR || `/run/user/${system.uid}`, 'docker.sock'),
  installed: async (system) =>
    system.uid !== 0 &&
    ((await system.which('dockerd-rootless.sh')) !== undefined || system.exists(path.join(system.home, '.config', 'systemd', 'user', 'docker.service'))),
});
