import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../support/capture-cli';
import { ABORT_ON_EXIT_FILE, tempProject } from './stack-fixtures';
import { testDocker, testEnv } from '../../support/engine';

const FILE = `services:
  web:
    image: busybox:latest
    init: true
    command: ["sleep", "3600"]
    ports: ["127.0.0.1::8080"]
  worker:
    image: busybox:latest
    init: true
    command: ["sleep", "3600"]
`;

function cli(cwd: string, argv: string[]) {
  return runCliCaptured({ argv, env: testEnv(), cwd });
}

describe('the everyday CLI: ls, rm, images, kill, pause, top, port, up --abort-on-container-exit', () => {
  const temp = tempProject('every');
  let name = '';
  afterEach(async () => {
    await temp.cleanup();
  });

  async function project(file = FILE): Promise<string> {
    const cwd = await temp.create(file);
    name = temp.name;
    return cwd;
  }

  async function states(cwd: string): Promise<string[]> {
    const ps = await cli(cwd, ['-p', name, 'ps', '-a', '--format', 'json']);
    return ps.out.trim().split('\n').filter(Boolean).map((line) => {
      const row = JSON.parse(line) as { Service: string; State: string };
      return `${row.Service}:${row.State}`;
    }).sort();
  }

  it('ls lists the project with Compose\'s status and config files; -a also when stopped', async () => {
    const cwd = await project();
    expect((await cli(cwd, ['-p', name, 'up', '-d'])).code).toBe(0);
    const ls = await cli(cwd, ['ls', '--format', 'json']);
    expect(ls.code).toBe(0);
    const entries = JSON.parse(ls.out) as { Name: string; Status: string; ConfigFiles: string }[];
    expect(entries.find((e) => e.Name === name)).toEqual({ Name: name, Status: 'running(2)', ConfigFiles: path.join(cwd, 'compose.yaml') });
    expect((await cli(cwd, ['-p', name, 'stop', '-t', '0', 'worker'])).code).toBe(0);
    const table = await cli(cwd, ['ls']);
    expect(table.out).toMatch(new RegExp(`^NAME\\s+STATUS\\s+CONFIG FILES$`, 'm'));
    expect(table.out).toMatch(new RegExp(`^${name}\\s+running\\(1\\)\\s+`, 'm'));
    expect((await cli(cwd, ['-p', name, 'stop', '-t', '0'])).code).toBe(0);
    expect((await cli(cwd, ['ls', '-q'])).out.split('\n')).not.toContain(name);
    const all = JSON.parse((await cli(cwd, ['ls', '-a', '--format', 'json'])).out) as { Name: string; Status: string }[];
    expect(all.find((e) => e.Name === name)?.Status).toBe('exited(2)');
  });

  it('rm removes stopped containers only; -s stops first; kill, pause and unpause act on running ones', async () => {
    const cwd = await project();
    expect((await cli(cwd, ['-p', name, 'up', '-d'])).code).toBe(0);
    expect((await cli(cwd, ['-p', name, 'pause', 'web'])).code).toBe(0);
    expect(await states(cwd)).toEqual(['web:paused', 'worker:running']);
    expect((await cli(cwd, ['-p', name, 'unpause'])).code).toBe(0);
    expect(await states(cwd)).toEqual(['web:running', 'worker:running']);
    const kill = await cli(cwd, ['-p', name, 'kill', '-s', 'SIGKILL', 'worker']);
    expect(kill.err).toContain(` Container ${name}-worker-1  Killed`);
    expect(await states(cwd)).toEqual(['web:running', 'worker:exited']);
    const removed = await cli(cwd, ['-p', name, 'rm', '-f']);
    expect(removed.code).toBe(0);
    expect(removed.err).toContain(`Going to remove ${name}-worker-1`);
    expect(await states(cwd)).toEqual(['web:running']);
    expect((await cli(cwd, ['-p', name, 'rm', '-f'])).err).toContain('No stopped containers');
    expect((await cli(cwd, ['-p', name, 'rm', '-f', '-s', '-v'])).code).toBe(0);
    expect(await states(cwd)).toEqual([]);
  });

  it('images, top and port describe the running containers', async () => {
    const cwd = await project();
    expect((await cli(cwd, ['-p', name, 'up', '-d'])).code).toBe(0);
    const images = JSON.parse((await cli(cwd, ['-p', name, 'images', '--format', 'json'])).out) as { ContainerName: string; Repository: string; Tag: string; ID: string; Size: number }[];
    expect(images.map((i) => `${i.ContainerName} ${i.Repository}:${i.Tag}`).sort()).toEqual([`${name}-web-1 busybox:latest`, `${name}-worker-1 busybox:latest`]);
    expect(images[0]?.ID).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(images[0]?.Size).toBeGreaterThan(0);
    const top = await cli(cwd, ['-p', name, 'top', 'web']);
    expect(top.out.split('\n')[0]).toBe(`${name}-web-1`);
    expect(top.out).toMatch(/PID/);
    expect(top.out).toContain('sleep 3600');
    const port = await cli(cwd, ['-p', name, 'port', 'web', '8080']);
    expect(port.code).toBe(0);
    const published = (await testDocker().getContainer(`${name}-web-1`).inspect()).NetworkSettings.Ports['8080/tcp']?.[0];
    expect(port.out).toBe(`127.0.0.1:${published?.HostPort ?? ''}\n`);
    const none = await cli(cwd, ['-p', name, 'port', 'worker', '8080']);
    expect(none.code).toBe(1);
    expect(none.err).toContain('no port 8080/tcp');
  });

  it('up --exit-code-from: the first exit stops the others and up exits with that service\'s code', async () => {
    const cwd = await project(ABORT_ON_EXIT_FILE);
    const up = await cli(cwd, ['-p', name, 'up', '--exit-code-from', 'tests', '-t', '1']);
    expect(up.code).toBe(5);
    expect(up.out).toContain('Aborting on container exit...');
    expect(up.out).toContain(`${name}-tests-1 exited with code 5`);
    expect(up.err).toContain(` Container ${name}-app-1  Stopped`);
    expect(await states(cwd)).toEqual(['app:exited', 'tests:exited']);
  });

  it('--format json is accepted wherever --json is', async () => {
    const cwd = await project();
    const config = await cli(cwd, ['-p', name, 'config', '--format', 'json']);
    expect(config.code).toBe(0);
    expect(Object.keys((JSON.parse(config.out) as { services: Record<string, unknown> }).services).sort()).toEqual(['web', 'worker']);
    const wrong = await cli(cwd, ['-p', name, 'config', '--format', 'xml']);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('unknown --format "xml"');
  });

  it('up --no-start and create make the containers and start none', async () => {
    const cwd = await project();
    expect((await cli(cwd, ['-p', name, 'up', '--no-start', 'web'])).code).toBe(0);
    expect(await states(cwd)).toEqual(['web:created']);
    expect((await cli(cwd, ['-p', name, 'create', 'worker'])).code).toBe(0);
    expect(await states(cwd)).toEqual(['web:created', 'worker:created']);
  });
});
