import { describe, expect, it } from 'vitest';
import { colimaProvider, parseColimaList } from '../../../../electron/core/docker/providers/colima';
import { parseDockerDesktopStatus } from '../../../../electron/core/docker/providers/docker-desktop';
import { findHostInstance, listHostInstances, allProviders } from '../../../../electron/core/docker/providers/index';
import { parseLimaList } from '../../../../electron/core/docker/providers/lima';
import { linuxDockerProvider, parseSystemctlShow } from '../../../../electron/core/docker/providers/linux-docker';
import { parseOrbStatus } from '../../../../electron/core/docker/providers/orbstack';
import { parsePodmanInspectSocket, parsePodmanMachineList, podmanProvider } from '../../../../electron/core/docker/providers/podman';
import { parseRancherBackendState } from '../../../../electron/core/docker/providers/rancher-desktop';
import { fakeSystem, fixture } from './fake-system';

describe('recorded CLI outputs', () => {
  it('colima list --json: profiles, their sockets and sizes', () => {
    const list = parseColimaList(fixture('colima-list.jsonl'), '/Users/dev');
    expect(list.map((i) => [i.name, i.state])).toEqual([
      ['colima', 'running'],
      ['colima/work', 'stopped'],
      ['colima/k3s', 'running'],
    ]);
    expect(list[0]).toMatchObject({ dockerHost: 'unix:///Users/dev/.colima/default/docker.sock', cpus: 4, memoryBytes: 8589934592, canStop: true, canStart: false });
    expect(list[1]).toMatchObject({ startCommand: 'colima start --profile work', canStart: true });
    expect(list[2]?.dockerHost).toBeUndefined();
    expect(list[2]?.detail).toMatch(/containerd/);
  });

  it('limactl list --json: leaves colima instances to Colima, finds the docker template socket', () => {
    const list = parseLimaList(fixture('limactl-list.jsonl'));
    expect(list.map((i) => [i.name, i.state])).toEqual([
      ['lima/docker', 'running'],
      ['lima/default', 'stopped'],
    ]);
    expect(list[0]?.dockerHost).toBe('unix:///Users/dev/.lima/docker/sock/docker.sock');
    const noSocket = parseLimaList(fixture('limactl-list.jsonl'), () => false);
    expect(noSocket[0]?.detail).toMatch(/template/);
  });

  it('podman machine list --format json and inspect', () => {
    const list = parsePodmanMachineList(fixture('podman-machine-list.json'));
    expect(list.map((i) => [i.name, i.state])).toEqual([
      ['podman/podman-machine-default', 'running'],
      ['podman/big', 'stopped'],
    ]);
    expect(list[0]).toMatchObject({ cpus: 5, memoryBytes: 2147483648, title: 'Podman machine (podman-machine-default), default' });
    expect(parsePodmanInspectSocket(fixture('podman-machine-inspect.json'))).toBe('/var/folders/9x/abc123/T/podman/podman-machine-default-api.sock');
  });

  it('docker desktop status (json and pretty), orbctl status, rdctl backend state, systemctl show', () => {
    expect(parseDockerDesktopStatus(fixture('docker-desktop-status.json'))).toBe('running');
    expect(parseDockerDesktopStatus(fixture('docker-desktop-status.txt'))).toBe('stopped');
    expect(parseDockerDesktopStatus('garbage')).toBe('unknown');
    expect(parseOrbStatus(fixture('orbctl-status-running.txt'))).toBe('running');
    expect(parseOrbStatus(fixture('orbctl-status-stopped.txt'))).toBe('stopped');
    expect(parseRancherBackendState(fixture('rdctl-backend-state.json'))).toBe('running');
    expect(parseRancherBackendState('{"vmState":"STOPPED"}')).toBe('stopped');
    expect(parseSystemctlShow(fixture('systemctl-show-active.txt'))).toEqual({ state: 'running', loaded: true, sub: 'running' });
    expect(parseSystemctlShow(fixture('systemctl-show-inactive.txt')).state).toBe('stopped');
  });

  it('ignores garbage lines', () => {
    expect(parseColimaList('WARN[0000] something\n{"name":"default","status":"Running"}\nnot json', '/h')).toHaveLength(1);
    expect(parsePodmanMachineList('')).toEqual([]);
  });
});

describe('providers through a recorded system', () => {
  it('detects only what is installed and lists its instances', async () => {
    const system = fakeSystem(
      {
        'colima list --json': { stdout: fixture('colima-list.jsonl') },
        'podman machine list --format json': { stdout: fixture('podman-machine-list.json') },
        'podman machine inspect podman-machine-default': { stdout: fixture('podman-machine-inspect.json') },
        'podman machine inspect big': { code: 125, stderr: 'Error: big: VM does not exist' },
      },
      { tools: ['colima', 'podman'] },
    );
    const list = await listHostInstances(system);
    expect(list.map((i) => i.name)).toEqual(['colima', 'colima/work', 'colima/k3s', 'podman/podman-machine-default', 'podman/big']);
    expect(list.find((i) => i.name === 'podman/podman-machine-default')?.dockerHost).toBe('unix:///var/folders/9x/abc123/T/podman/podman-machine-default-api.sock');
  });

  it('starts and stops through the manager CLI and reports its failure', async () => {
    const system = fakeSystem(
      {
        'colima list --json': { stdout: fixture('colima-list.jsonl') },
        'colima start --profile work': { code: 0 },
        'colima stop': { code: 1, stderr: 'time="x" level=fatal msg="error stopping vm: exit status 1"' },
      },
      { tools: ['colima'] },
    );
    const { instance, provider } = await findHostInstance(system, 'colima/work');
    await provider.start(system, instance);
    expect(system.calls).toContain('colima start --profile work');
    const running = await findHostInstance(system, 'colima');
    await expect(colimaProvider.stop(system, running.instance)).rejects.toMatchObject({ code: 'host_command_failed', message: expect.stringMatching(/colima stop.*error stopping vm/) });
    await expect(podmanProvider.start(system, { ...instance, name: 'podman/x' })).rejects.toMatchObject({ code: 'host_command_failed' });
  });

  it('names the hosts there are when asked for one that is not', async () => {
    const system = fakeSystem({ 'colima list --json': { stdout: fixture('colima-list.jsonl') } }, { tools: ['colima'] });
    await expect(findHostInstance(system, 'orbstack')).rejects.toMatchObject({ code: 'host_not_found', hint: expect.stringContaining('colima, colima/work') });
  });

  it('linux: reads systemd state, and without systemd falls back to the socket and says why it cannot start', async () => {
    const withSystemd = fakeSystem(
      { 'systemctl show docker.service --property=ActiveState,SubState,LoadState --no-pager': { stdout: fixture('systemctl-show-inactive.txt') }, 'systemctl start docker.service': {} },
      { platform: 'linux', tools: ['dockerd'], uid: 0 },
    );
    const [managed] = await linuxDockerProvider().list(withSystemd);
    expect(managed).toMatchObject({ name: 'docker', state: 'stopped', canStart: true });
    await linuxDockerProvider().start(withSystemd, managed!);
    expect(withSystemd.calls).toContain('systemctl start docker.service');

    const noSystemd = fakeSystem(
      {
        'systemctl show docker.service --property=ActiveState,SubState,LoadState --no-pager': { code: 1, stderr: fixture('systemctl-no-systemd.txt') },
        'systemctl start docker.service': { code: 1, stderr: fixture('systemctl-no-systemd.txt') },
      },
      { platform: 'linux', tools: ['dockerd'], running: ['unix:///var/run/docker.sock'] },
    );
    const [seen] = await linuxDockerProvider().list(noSystemd);
    expect(seen).toMatchObject({ state: 'running', canStart: false, canStop: false });
    await expect(linuxDockerProvider().start(noSystemd, seen!)).rejects.toMatchObject({ code: 'host_no_systemd', hint: expect.stringContaining('sudo dockerd') });
    expect(allProviders().map((p) => p.id)).toContain('rancher-desktop');
  });
});
