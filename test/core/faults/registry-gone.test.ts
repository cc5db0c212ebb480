import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killLeftover, runCliProcess, startCli, type CliProcess } from '../../support/cli-process';
import { testDocker, testEnv } from '../../support/engine';
import { dockerConfigWithLogin, registryTags, startRegistry, type TestRegistry } from '../../support/registry';
import { throttledProxy, type ThrottledProxy } from '../../support/throttled-proxy';
import { removeRepositories } from '../images/images-fixture';
import { tempProject } from '../stack/stack-fixtures';

const registryPort = (address: string) => Number(address.split(':')[1]);

describe('the registry going away in the middle of a push', () => {
  const docker = testDocker();
  const temp = tempProject('reggone');
  let registry: TestRegistry;
  let proxy: ThrottledProxy;
  let cli: CliProcess | undefined;
  let cwd = '';
  let address = '';
  const env = () => testEnv({ DOCKER_CONFIG: path.join(cwd, '.docker-config') });

  beforeAll(async () => {
    // Our own registry (the shared one must stay up), behind a proxy that passes about
    // 1 MB/s, so the 8 MB layer is still going up when the registry stops.
    registry = await startRegistry();
    proxy = await throttledProxy(registryPort(registry.address), 1_000_000);
    address = `127.0.0.1:${proxy.port}`;
    cwd = await temp.create(`services:\n  app:\n    image: ${address}/team/app:big\n    build: { context: ., network: none }\n`);
    await writeFile(path.join(cwd, 'Dockerfile'), 'FROM busybox:latest\nRUN head -c 8000000 /dev/urandom > /blob\n');
    dockerConfigWithLogin(path.join(cwd, '.docker-config'), address, registry);
    const build = await runCliProcess(['-p', temp.name, 'build'], { cwd, env: env() });
    expect(build.code, build.err).toBe(0);
  });

  afterAll(async () => {
    killLeftover(cli);
    await removeRepositories(docker, [`${address}/team/app`]);
    await proxy?.close();
    await registry?.stop();
    await temp.cleanup();
  });

  it('fails with one line that names the registry, and a retry pushes once it is back', async () => {
    cli = startCli(['-p', temp.name, 'push'], { cwd, env: env() });
    await cli.waitFor(/: Pushing\n/, 'err');
    await registry.halt();
    const failed = await cli.exited(120_000);
    expect(failed.code).toBe(1);
    expect(failed.err).not.toMatch(/\n\s+at /);
    const message = failed.err.split('\n').find((line) => line.startsWith('slipway: '));
    expect(message).toMatch(new RegExp(`^slipway: service app: push of ${address}/team/app:big failed: the registry ${address} stopped answering \\(.+\\)$`));
    expect(failed.err).toContain(`Check that ${address} is running and reachable, then push again.`);

    await registry.resume();
    proxy.retarget(registryPort(registry.address));
    const retry = await runCliProcess(['-p', temp.name, 'push'], { cwd, env: env() });
    expect(retry.code, retry.err).toBe(0);
    expect(retry.out).toMatch(new RegExp(`^Pushed ${address}/team/app:big sha256:[0-9a-f]{64}$`, 'm'));
    expect(await registryTags(registry, 'team/app')).toEqual(['big']);
  });
});
