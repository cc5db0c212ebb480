import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectDocker, type DockerConnection } from '../../../../electron/core/docker/connect';
import { colimaProvider } from '../../../../electron/core/docker/providers/colima';
import { linuxDockerProvider } from '../../../../electron/core/docker/providers/linux-docker';
import { HostService, type HostCore } from '../../../../electron/core/hosts/host-service';
import { fakeSystem, fixture } from './fake-system';

let home: string;
beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'swhs-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function fakeCore(url: string): HostCore & { switched: { host?: string; context?: string }[] } {
  const env = { HOME: home, PATH: process.env.PATH };
  let connection: DockerConnection = connectDocker({ host: url, env });
  const switched: { host?: string; context?: string }[] = [];
  return {
    env,
    switched,
    docker: () => connection,
    switchHost(target) {
      switched.push(target);
      connection = connectDocker({ env, ...target });
      return connection;
    },
  };
}

describe('HostService', () => {
  it('says how the provider of an unreachable host starts it', async () => {
    const socket = path.join(home, 'none.sock');
    const system = fakeSystem({ 'systemctl show docker.service --property=ActiveState,SubState,LoadState --no-pager': { code: 1, stderr: fixture('systemctl-no-systemd.txt') } }, { platform: 'linux', tools: ['dockerd'], home });
    const service = new HostService(fakeCore(`unix://${socket}`), { system, providers: [linuxDockerProvider({ systemSocket: socket })] });
    const status = await service.status();
    expect(status).toMatchObject({ reachable: false, provider: { name: 'docker', canStart: false }, error: { code: 'docker_not_running' } });
    expect(status.error?.hint).toContain('`sudo dockerd`');
  });

  it('starts a stopped VM, waits for its engine, and refuses what it cannot start', async () => {
    const socket = `unix://${home}/.colima/work/docker.sock`;
    const system = fakeSystem(
      { 'colima list --json': { stdout: fixture('colima-list.jsonl') }, 'colima start --profile work': {}, 'colima stop': {} },
      { tools: ['colima'], home, running: [socket] },
    );
    const service = new HostService(fakeCore('unix:///nonexistent.sock'), { system, providers: [colimaProvider] });
    const progress: string[] = [];
    await service.start('colima/work', (m) => progress.push(m));
    expect(system.calls).toContain('colima start --profile work');
    expect(progress).toEqual(['Starting Colima (work) (colima start --profile work)…', 'Waiting for the engine to answer…', 'Colima (work) is running']);
    await service.start('colima', (m) => progress.push(m));
    expect(progress.at(-1)).toBe('Colima (default) is already running');
    // The fixture still lists "work" as stopped: stopping it runs nothing and says so.
    const stopping: string[] = [];
    await service.stop('colima/work', (m) => stopping.push(m));
    expect(stopping).toEqual(['Colima (work) is already stopped']);
    expect(system.calls).not.toContain('colima stop --profile work');
    // "default" is running: stopping it runs colima's stop and reports it.
    await service.stop('colima', (m) => stopping.push(m));
    expect(system.calls.filter((c) => c.startsWith('colima stop'))).toEqual(['colima stop']);
    expect(stopping.slice(1)).toEqual(['Stopping Colima (default)…', 'Colima (default) is stopped']);
  });

  it('switches by URL, by context and by candidate name, and names the hosts there are', async () => {
    const system = fakeSystem({ 'colima list --json': { stdout: fixture('colima-list.jsonl') } }, { tools: ['colima'], home });
    const core = fakeCore('unix:///nonexistent.sock');
    const service = new HostService(core, { system, providers: [colimaProvider] });
    await service.switchTo('tcp://127.0.0.1:1');
    await expect(service.switchTo('context:nope')).rejects.toMatchObject({ code: 'docker_context_not_found' });
    await service.switchTo('colima');
    expect(core.switched).toEqual([{ host: 'tcp://127.0.0.1:1' }, { context: 'nope' }, { host: `unix://${home}/.colima/default/docker.sock` }]);
    await expect(service.switchTo('orbstack')).rejects.toMatchObject({ code: 'host_not_found', hint: expect.stringContaining('colima/work') });
    const list = await service.list();
    expect(list.find((c) => c.current)?.url).toBe(`unix://${home}/.colima/default/docker.sock`);
  });
});
