import { INTERRUPTED_EXIT_CODE } from '../../../electron/cli/interrupt';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { killLeftover, runCliProcess, startCli, type CliProcess } from '../../support/cli-process';
import { testDocker, testEnv, testRegistry } from '../../support/engine';
import { waitUntil } from '../../support/processes';
import { dockerConfigWithLogin, registryTags } from '../../support/registry';
import { throttledProxy, type ThrottledProxy } from '../../support/throttled-proxy';
import { removeRepositories } from '../images/images-fixture';
import { tempProject } from '../stack/stack-fixtures';
import { expectConverged, GATED_STACK, slowToStop, TICKER } from './fault-stacks';

const docker = testDocker();
/** Ctrl+C must end the command within this long: a deadline of the harness, not a measure of speed. */
const CTRL_C_DEADLINE_MS = 2000;
const NO_STACK_TRACE = /\n\s+at /;

async function interrupt(cli: CliProcess) {
  cli.child.kill('SIGINT');
  const exit = await cli.exited(CTRL_C_DEADLINE_MS);
  expect(exit.err).not.toMatch(NO_STACK_TRACE);
  return exit;
}

async function projectContainers(name: string) {
  return docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${name}`] } });
}

describe('Ctrl+C (SIGINT) ends the command within 2 s and leaves nothing half-made', () => {
  const temp = tempProject('ctrlc');
  let cli: CliProcess | undefined;
  afterEach(async () => {
    killLeftover(cli);
    await temp.cleanup();
  });

  it('up, in the middle of a recreate: no <id>_<name> replacement is left, and up again converges', async () => {
    const cwd = await temp.create(slowToStop('1'));
    const name = temp.name;
    const first = await runCliProcess(['-p', name, 'up', '-d'], { cwd, env: testEnv() });
    expect(first.code, first.err).toBe(0);
    await writeFile(path.join(cwd, 'compose.yaml'), slowToStop('2'));
    cli = startCli(['-p', name, 'up', '-d'], { cwd, env: testEnv() });
    await cli.waitFor(/ Container \S+ {2}Recreate\n/, 'err');
    // The replacement exists under its temporary name once Docker has made it.
    await waitUntil(async () => (await projectContainers(name)).length === 2, 'the replacement container', 30_000, 50, cli.child);
    const exit = await interrupt(cli);
    expect(exit.code).not.toBe(0);
    const left = await projectContainers(name);
    expect(left.map((c) => c.Names[0])).toEqual([`/${name}-app-1`]);

    const again = await runCliProcess(['-p', name, 'up', '-d'], { cwd, env: testEnv() });
    expect(again.code, again.err).toBe(0);
    const [app] = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${name}`] } });
    expect(app?.Names).toEqual([`/${name}-app-1`]);
    expect((await docker.getContainer(app?.Id ?? '').inspect()).Config.Env).toContain('VERSION=2');
  });

  it('up of a new stack, once a container is made: the next up converges', async () => {
    const cwd = await temp.create(GATED_STACK);
    cli = startCli(['-p', temp.name, 'up', '-d'], { cwd, env: testEnv() });
    await cli.waitFor(/ Container \S+ {2}Created\n/, 'err');
    const exit = await interrupt(cli);
    expect(exit.code).not.toBe(0);
    expect(exit.err).toMatch(/^slipway: up cancelled$/m);
    const again = await runCliProcess(['-p', temp.name, 'up', '-d', '--wait'], { cwd, env: testEnv() });
    expect(again.code, again.err).toBe(0);
    await expectConverged(docker, temp.name, ['db', 'web', 'worker']);
  });

  it('logs -f: ends at once with exit code 130, as Compose', async () => {
    const cwd = await temp.create(TICKER);
    const up = await runCliProcess(['-p', temp.name, 'up', '-d'], { cwd, env: testEnv() });
    expect(up.code, up.err).toBe(0);
    cli = startCli(['-p', temp.name, 'logs', '-f'], { cwd, env: testEnv() });
    await cli.waitFor(/ticker \| tick 2\n/, 'out');
    const exit = await interrupt(cli);
    expect(exit.code).toBe(INTERRUPTED_EXIT_CODE);
  });

  it('exec: ends at once; the service keeps running and the next exec works', async () => {
    const cwd = await temp.create(TICKER);
    const up = await runCliProcess(['-p', temp.name, 'up', '-d'], { cwd, env: testEnv() });
    expect(up.code, up.err).toBe(0);
    cli = startCli(['-p', temp.name, 'exec', '-T', 'ticker', 'sh', '-c', 'echo ready; exec sleep 3600'], { cwd, env: testEnv(), stdin: 'pipe' });
    await cli.waitFor(/ready\n/, 'out');
    const exit = await interrupt(cli);
    expect(exit.code).not.toBe(0);
    const [ticker] = await projectContainers(temp.name);
    expect(ticker?.State).toBe('running');
    const next = await runCliProcess(['-p', temp.name, 'exec', '-T', 'ticker', 'echo', 'still here'], { cwd, env: testEnv() });
    expect(next).toMatchObject({ code: 0, out: 'still here\n' });
  });
});

describe('Ctrl+C during build and push', () => {
  const registry = testRegistry();
  const temp = tempProject('ctrlcimg');
  let proxy: ThrottledProxy;
  let cli: CliProcess | undefined;
  let cwd = '';
  let repository = '';
  const env = () => testEnv({ DOCKER_CONFIG: path.join(cwd, '.docker-config') });

  beforeAll(async () => {
    // Pushes go through a proxy that passes about 1 MB/s: an 8 MB layer takes seconds.
    proxy = await throttledProxy(Number(registry.address.split(':')[1]), 1_000_000);
    cwd = await temp.create('services: {}\n');
    repository = `127.0.0.1:${proxy.port}/${temp.name}/app`;
    dockerConfigWithLogin(path.join(cwd, '.docker-config'), `127.0.0.1:${proxy.port}`, registry);
  });

  afterEach(() => killLeftover(cli));

  afterAll(async () => {
    await removeRepositories(docker, [repository]);
    await proxy?.close();
    await temp.cleanup();
  });

  it('build: ends at once, leaves no build container and no image', async () => {
    const marker = `ctrlc-${temp.name}`;
    await writeFile(path.join(cwd, 'compose.yaml'), `services:\n  app:\n    image: ${repository}:slow\n    build: { context: ., network: none }\n`);
    await writeFile(path.join(cwd, 'Dockerfile'), `FROM busybox:latest\nRUN echo ${marker} started && sleep 60\n`);
    cli = startCli(['-p', temp.name, 'build'], { cwd, env: env() });
    await cli.waitFor(new RegExp(`${marker} started`), 'err');
    const exit = await interrupt(cli);
    expect(exit.code).not.toBe(0);
    expect(exit.err).toMatch(/cancelled/);
    expect(await docker.getImage(`${repository}:slow`).inspect().then(() => true, () => false)).toBe(false);
    // The engine removes the step's container once it has seen the build end.
    await waitUntil(async () => (await docker.listContainers({ all: true })).every((c) => !c.Command.includes(marker)), 'the build container to be removed', 20_000);
  });

  it('push: ends at once and the registry has no tag of the cut push', async () => {
    await writeFile(path.join(cwd, 'compose.yaml'), `services:\n  app:\n    image: ${repository}:big\n    build: { context: ., network: none }\n`);
    await writeFile(path.join(cwd, 'Dockerfile'), 'FROM busybox:latest\nRUN head -c 8000000 /dev/urandom > /blob\n');
    const build = await runCliProcess(['-p', temp.name, 'build'], { cwd, env: env() });
    expect(build.code, build.err).toBe(0);
    cli = startCli(['-p', temp.name, 'push'], { cwd, env: env() });
    await cli.waitFor(/: Pushing\n/, 'err');
    const exit = await interrupt(cli);
    expect(exit.code).not.toBe(0);
    expect(exit.err).toMatch(/cancelled/);
    expect(await registryTags(registry, `${temp.name}/app`)).toEqual([]);
  });
});
