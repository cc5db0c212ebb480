import { INTERRUPTED_EXIT_CODE } from '../../../electron/cli/interrupt';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { killLeftover, runCliProcess, startCli, type CliProcess } from '../../support/cli-process';
import { dockerFromHost } from '../../support/docker-from-host';
import { removeProjectResources, testEnv } from '../../support/engine';
import { ensureBusyboxImage } from '../../support/stand-in-image';
import { startThrowawayEngine, type ThrowawayEngine } from '../../support/throwaway-engine';
import { tempProject } from '../stack/stack-fixtures';
import { expectConverged, GATED_STACK, TICKER } from './fault-stacks';

const NO_STACK_TRACE = /\n\s+at /;

/** The one line (and its hint) a command ends with: `slipway: …`, no stack trace. */
function expectOneLineError(err: string, pattern: RegExp): void {
  expect(err).not.toMatch(NO_STACK_TRACE);
  const lines = err.split('\n').filter((l) => l.startsWith('slipway: '));
  expect(lines, err).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

/**
 * The Docker daemon stopped and started again under a running command. A private engine
 * of this file (the shared one stays up for the other suites).
 */
describe('the Docker daemon restarted under a command', () => {
  let engine: ThrowawayEngine;
  const temp = tempProject('dstop');
  let cli: CliProcess | undefined;
  const env = () => testEnv({ DOCKER_HOST: engine.dockerHost });

  beforeAll(async () => {
    engine = await startThrowawayEngine();
    await ensureBusyboxImage(dockerFromHost(engine.dockerHost));
  });

  afterEach(async () => {
    killLeftover(cli);
    cli = undefined;
    if (engine.process.exitCode !== null || engine.process.signalCode !== null) await engine.restart();
    await removeProjectResources(docker(), temp.name);
    await temp.cleanup();
  });

  afterAll(async () => {
    await engine?.destroy();
  });

  const docker = () => dockerFromHost(engine.dockerHost);

  it('during up: one clear line, and the next up converges', async () => {
    const cwd = await temp.create(GATED_STACK);
    cli = startCli(['-p', temp.name, 'up', '-d', '--wait'], { cwd, env: env() });
    await cli.waitFor(/ Container \S+-db-1 {2}Started\n/, 'err');
    await engine.stop();
    const failed = await cli.exited(60_000);
    expect(failed.code).toBe(1);
    expectOneLineError(failed.err, /^slipway: Cannot reach the Docker engine at unix:\/\/\S+ \(from DOCKER_HOST\): it went away during up$/);

    await engine.restart();
    const again = await runCliProcess(['-p', temp.name, 'up', '-d', '--wait'], { cwd, env: env() });
    expect(again.code, again.err).toBe(0);
    await expectConverged(docker(), temp.name, ['db', 'web', 'worker']);
  });

  it('during logs -f: says the engine went away, then keeps following when it is back', async () => {
    const cwd = await temp.create(TICKER);
    const up = await runCliProcess(['-p', temp.name, 'up', '-d'], { cwd, env: env() });
    expect(up.code, up.err).toBe(0);
    cli = startCli(['-p', temp.name, 'logs', '-f', '--no-color'], { cwd, env: env() });
    await cli.waitFor(/ticker \| tick 2\n/, 'out');
    await engine.stop();
    await cli.waitFor(/── engine connection lost; waiting for it to come back ──\n/, 'out');
    await engine.restart();
    // restart: always brings the ticker back with the engine; its count starts again.
    await cli.waitFor(/── engine back; following ticker again ──\n(.*\n)*ticker \| tick 3\n/, 'out');
    cli.child.kill('SIGINT');
    const exit = await cli.exited(10_000);
    expect(exit.code).toBe(INTERRUPTED_EXIT_CODE);
    expect(exit.err).toBe('');
  });

  it('during an exec session: ends with one clear line, and the next exec works', async () => {
    const cwd = await temp.create(TICKER);
    const up = await runCliProcess(['-p', temp.name, 'up', '-d'], { cwd, env: env() });
    expect(up.code, up.err).toBe(0);
    cli = startCli(['-p', temp.name, 'exec', '-T', 'ticker', 'sh', '-c', 'echo ready; exec sleep 3600'], { cwd, env: env(), stdin: 'pipe' });
    await cli.waitFor(/ready\n/, 'out');
    await engine.stop();
    const ended = await cli.exited(60_000);
    expect(ended.code).not.toBe(0);
    expectOneLineError(ended.err, /^slipway: the session ended: the Docker engine at unix:\/\/\S+ went away, so the command's exit code is unknown$/);

    await engine.restart();
    const next = await runCliProcess(['-p', temp.name, 'exec', '-T', 'ticker', 'echo', 'back'], { cwd, env: env() });
    expect(next).toMatchObject({ code: 0, out: 'back\n' });
  });

  it('while watch runs: says so in one line, and syncs again once the engine is back', async () => {
    const cwd = await temp.create(TICKER);
    await mkdir(path.join(cwd, 'src'));
    const up = await runCliProcess(['-p', temp.name, 'up', '-d'], { cwd, env: env() });
    expect(up.code, up.err).toBe(0);
    cli = startCli(['-p', temp.name, 'watch', '--no-up'], { cwd, env: env() });
    await cli.waitFor(/^watching ticker/m, 'out');
    await engine.stop();
    await writeFile(path.join(cwd, 'src', 'while-down.txt'), 'down');
    await cli.waitFor(/^ticker {2}sync failed after .*: Cannot reach the Docker engine at unix:\/\/\S+ \(from DOCKER_HOST\)/m, 'out');
    await engine.restart();
    await writeFile(path.join(cwd, 'src', 'after.txt'), 'back');
    await cli.waitFor(/^ticker {2}synced \d+ files? in /m, 'out');
    cli.child.kill('SIGINT');
    const exit = await cli.exited(10_000);
    expect(exit.code).toBe(0);
    expect(exit.out).not.toMatch(NO_STACK_TRACE);
    expect(exit.err).not.toMatch(NO_STACK_TRACE);
  });

  it('during a build: one clear line, and the next build works', async () => {
    const cwd = await temp.create('services: {}\n');
    const marker = `slow-${temp.name}`;
    await writeFile(path.join(cwd, 'compose.yaml'), `services:\n  app:\n    image: ${temp.name}-app:dev\n    build: { context: ., network: none }\n`);
    await writeFile(path.join(cwd, 'Dockerfile'), `FROM busybox:latest\nRUN echo ${marker} started && sleep 60\n`);
    cli = startCli(['-p', temp.name, 'build'], { cwd, env: env() });
    await cli.waitFor(new RegExp(`${marker} started`), 'err');
    await engine.stop();
    const failed = await cli.exited(60_000);
    expect(failed.code).toBe(1);
    expectOneLineError(failed.err, /^slipway: Cannot reach the Docker engine at unix:\/\/\S+ \(from DOCKER_HOST\): it went away during build$/);

    await engine.restart();
    await writeFile(path.join(cwd, 'Dockerfile'), 'FROM busybox:latest\nRUN echo quick > /quick\n');
    const again = await runCliProcess(['-p', temp.name, 'build'], { cwd, env: env() });
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain(`Built app: ${temp.name}-app:dev`);
  });
});
