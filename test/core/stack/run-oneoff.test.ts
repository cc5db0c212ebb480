import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../support/capture-cli';
import { tempProject } from './stack-fixtures';
import { testDocker, testEnv } from '../../support/engine';

const FILE = `services:
  db:
    image: busybox:latest
    init: true
    command: ["sh", "-c", "touch /tmp/ready; exec sleep 3600"]
    healthcheck: { test: ["CMD", "test", "-f", "/tmp/ready"], interval: 1s, retries: 30 }
  tool:
    image: busybox:latest
    init: true
    environment: { GREETING: hello }
    ports: ["127.0.0.1::8080"]
    command: ["sleep", "3600"]
    depends_on: { db: { condition: service_healthy } }
`;

const CONDITIONS = `services:
  db:
    image: busybox:latest
    init: true
    command: ["sh", "-c", "touch /tmp/ready; exec sleep 3600"]
    healthcheck: { test: ["CMD", "test", "-f", "/tmp/ready"], interval: 1s, retries: 30 }
  slow:
    image: busybox:latest
    init: true
    command: ["sleep", "3600"]
    healthcheck: { test: ["CMD", "false"], interval: 1h }
  once:
    image: busybox:latest
    command: ["sh", "-c", "exit 4"]
  a:
    image: busybox:latest
    depends_on: { slow: { condition: service_started }, db: { condition: service_healthy } }
  b:
    image: busybox:latest
    depends_on: { once: { condition: service_completed_successfully } }
  c:
    image: busybox:latest
    depends_on: { slow: { condition: service_healthy } }
`;

function cli(cwd: string, argv: string[]) {
  return runCliCaptured({ argv, env: testEnv(), cwd });
}

const oneOffFilter = (project: string) => ({ label: [`com.docker.compose.project=${project}`, 'com.docker.compose.oneoff=True'] });

describe('slipway run (one-off containers)', () => {
  const temp = tempProject('run');
  let name = '';
  afterEach(async () => {
    await temp.cleanup();
  });

  async function project(file = FILE): Promise<string> {
    const cwd = await temp.create(file);
    name = temp.name;
    return cwd;
  }

  it('starts the dependencies first, passes the exit code and output through, and --rm removes the container', async () => {
    const cwd = await project();
    const run = await cli(cwd, ['-p', name, 'run', '--rm', '-e', 'EXTRA=x', 'tool', 'sh', '-c', 'echo "$GREETING $EXTRA"; echo oops >&2; exit 3']);
    expect(run.err).toContain(` Container ${name}-db-1  Healthy`);
    expect(run.code).toBe(3);
    expect(run.out).toBe('hello x\n');
    expect(run.err).toContain('oops');
    expect(await testDocker().listContainers({ all: true, filters: oneOffFilter(name) })).toEqual([]);
    // The service's own container was not created: only its dependency runs.
    const ps = await cli(cwd, ['-p', name, 'ps', '-a', '--services']);
    expect(ps.out.trim().split('\n')).toEqual(['db']);
  });

  it('labels and names the container as Compose does, publishes no ports, stays out of ps, and down --remove-orphans removes it', async () => {
    const cwd = await project();
    const run = await cli(cwd, ['-p', name, 'run', '-d', '--no-deps', 'tool']);
    expect(run.code).toBe(0);
    const containerName = run.out.trim();
    expect(containerName).toMatch(new RegExp(`^${name}-tool-run-[0-9a-f]{12}$`));
    const [info] = await testDocker().listContainers({ all: true, filters: oneOffFilter(name) });
    expect(info?.Names).toEqual([`/${containerName}`]);
    expect(info?.Labels['com.docker.compose.service']).toBe('tool');
    expect(info?.Labels['com.docker.compose.slug']?.slice(0, 12)).toBe(containerName.slice(-12));
    expect(info?.Ports.filter((p) => p.PublicPort !== undefined)).toEqual([]);
    const ps = await cli(cwd, ['-p', name, 'ps', '-a', '--json']);
    expect(JSON.parse(ps.out)).toEqual([]);
    // Without --remove-orphans, down leaves it (and the network it uses), and says so.
    const kept = await cli(cwd, ['-p', name, 'down', '-t', '0']);
    expect(kept.code).toBe(0);
    expect(kept.err).toContain(`One-off containers left running: ${containerName}`);
    expect(await testDocker().listContainers({ all: true, filters: oneOffFilter(name) })).toHaveLength(1);
    const down = await cli(cwd, ['-p', name, 'down', '--remove-orphans', '-t', '0']);
    expect(down.code).toBe(0);
    expect(await testDocker().listContainers({ all: true, filters: oneOffFilter(name) })).toEqual([]);
  });

  it('--service-ports publishes the service\'s ports; without --rm the container stays, exited', async () => {
    const cwd = await project();
    const run = await cli(cwd, ['-p', name, 'run', '--no-deps', '--service-ports', '--name', `${name}-once`, 'tool', 'true']);
    expect(run.code).toBe(0);
    const info = await testDocker().getContainer(`${name}-once`).inspect();
    expect(info.State.Status).toBe('exited');
    expect(info.HostConfig.PortBindings).toHaveProperty('8080/tcp');
    expect(info.Config.Labels['com.docker.compose.oneoff']).toBe('True');
  });

  it('waits for each dependency on the condition the service declares, and a failed one stops the run', async () => {
    const cwd = await project(CONDITIONS);
    // slow never turns healthy, but a only asks for it to be started.
    const ok = await cli(cwd, ['-p', name, 'run', '--rm', '--wait-timeout', '20', 'a', 'true']);
    expect(ok.err).toContain(` Container ${name}-db-1  Healthy`);
    expect(ok.code).toBe(0);
    const failed = await cli(cwd, ['-p', name, 'run', '--rm', 'b', 'true']);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain('once exited with code 4');
    const late = await cli(cwd, ['-p', name, 'run', '--rm', '--wait-timeout', '1', 'c', 'true']);
    expect(late.code).toBe(1);
    expect(late.err).toContain('slipway: Service slow was not healthy within 1 s; c was not run');
    expect(await testDocker().listContainers({ all: true, filters: oneOffFilter(name) })).toEqual([]);
  });
});
