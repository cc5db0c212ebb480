import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { connectDocker } from '../../../electron/core/docker/connect';
import { dialEngineAhead } from '../../../electron/core/dial-ahead';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import { startCli } from '../../support/cli-process';
import { waitUntil } from '../../support/processes';
import { countingSshEnv, sshdForSuite, type CountingSsh } from './sshd';

const suite = sshdForSuite('swssha-');

const spawnedCount = (ssh: CountingSsh, n: number): Promise<void> => waitUntil(async () => ssh.spawned().length >= n, `${n} ssh processes to start`, 20_000, 20);

describe('ssh:// connections dialled ahead', () => {
  it('connecting starts the first connection before any call; the first call takes it', async () => {
    const { ssh, env } = countingSshEnv(suite());
    const connection = connectDocker({ host: suite().url, env });
    try {
      await spawnedCount(ssh, 1);
      await connection.docker.listContainers();
      await connection.docker.info();
      expect(ssh.spawned()).toHaveLength(1);
    } finally {
      await connection.close();
    }
    expect(ssh.alive()).toEqual([]);
  });

  it('what the CLI dials before loading the core is what the core then uses, for calls and the first stream', async () => {
    const { ssh, env } = countingSshEnv(suite());
    await dialEngineAhead({ env, host: suite().url, connections: 2 });
    await spawnedCount(ssh, 2);
    const core = new SlipwayCore({ env, dockerHost: suite().url });
    try {
      await core.engineEvents();
      await core.docker().docker.listContainers();
      expect(ssh.spawned()).toHaveLength(2);
    } finally {
      await core.dispose();
    }
    expect(ssh.alive()).toEqual([]);
  });

  it('a long-lived shell keeps one stream connection ahead: each stream takes it and another is dialled', async () => {
    const { ssh, env } = countingSshEnv(suite());
    const connection = connectDocker({ host: suite().url, env, streamSpare: true });
    try {
      // the first call's connection and the spare, before anything was asked
      await spawnedCount(ssh, 2);
      const first = await connection.docker.getEvents({});
      await spawnedCount(ssh, 3);
      const second = await connection.docker.getEvents({});
      await spawnedCount(ssh, 4);
      await connection.docker.listContainers();
      expect(ssh.spawned()).toHaveLength(4);
      for (const stream of [first, second]) if (stream instanceof Readable) stream.destroy();
    } finally {
      await connection.close();
    }
    expect(ssh.alive()).toEqual([]);
  });

  it('the CLI: `ps` uses the one connection it dialled first; a command that fails before reaching the engine leaves no ssh behind', async () => {
    const { ssh, env } = countingSshEnv(suite());
    const project = mkdtempSync(path.join(suite().dir, 'project-'));
    writeFileSync(path.join(project, 'compose.yaml'), 'services:\n  a:\n    image: busybox:latest\n');
    const cliEnv = { ...env, DOCKER_HOST: suite().url, NO_COLOR: '1', SLIPWAY_CONFIG_DIR: path.join(suite().dir, 'config') };
    const ps = await startCli(['ps'], { cwd: project, env: cliEnv }).exited();
    expect(ps).toMatchObject({ code: 0, out: expect.stringContaining('NAME') });
    expect(ssh.spawned()).toHaveLength(1);
    expect(ssh.alive()).toEqual([]);
    // the connection dialled ahead is never taken: it ends with the process
    const failed = await startCli(['-f', 'missing.yaml', 'ps'], { cwd: project, env: cliEnv }).exited();
    expect(failed.code).toBe(1);
    expect(ssh.spawned()).toHaveLength(2);
    await waitUntil(async () => ssh.alive().length === 0, 'the unclaimed ssh to end', 10_000, 20);
    // a command that never reaches the engine dials nothing
    expect((await startCli(['version'], { cwd: project, env: cliEnv }).exited()).code).toBe(0);
    expect(ssh.spawned()).toHaveLength(2);
  });
});
