import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDocker } from '../../../electron/core/docker/connect';
import { pingHost } from '../../../electron/core/docker/ping-host';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import { runCliCaptured } from '../../support/capture-cli';
import { testDockerHost } from '../../support/engine';
import { sshTestArgs, startTestSshd, type TestSshd } from './sshd';

let dir: string;
let sshd: TestSshd;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'swssh-'));
  sshd = await startTestSshd(dir, testDockerHost());
});

afterAll(async () => {
  await sshd?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const env = (): Record<string, string | undefined> => ({ PATH: process.env.PATH, HOME: dir });

describe('ssh:// hosts through `docker system dial-stdio`', () => {
  it('reaches the engine and lists containers', async () => {
    const url = `ssh://${sshd.user}@127.0.0.1:${sshd.port}`;
    const connection = connectDocker({ host: url, env: env(), sshArgs: sshTestArgs(sshd.key) });
    expect(connection.host).toMatchObject({ url, source: '--host', scheme: 'ssh' });
    const result = await pingHost(connection, 20_000);
    if (!result.ok) throw result.error;
    expect(result.engine.apiVersion).toMatch(/^1\.\d+$/);
    expect(result.rttMs).toEqual(expect.any(Number));
    const images = await connection.docker.listImages();
    expect(images.some((i) => (i.RepoTags ?? []).includes('busybox:latest'))).toBe(true);
  });

  it('streams engine events over the same ssh transport', async () => {
    const url = `ssh://${sshd.user}@127.0.0.1:${sshd.port}`;
    const core = new SlipwayCore({ env: { ...env(), SLIPWAY_SSH_OPTS: sshTestArgs(sshd.key).join(' ') }, dockerHost: url });
    try {
      const events = await core.engineEvents();
      // the host's status says what one round trip to the engine costs (over the open connection)
      expect(await core.call('host.status', {})).toMatchObject({ ok: true, value: { reachable: true, rttMs: expect.any(Number) } });
      const name = `slipway-ssh-probe-${process.pid}`;
      const seen = events.waitFor((e) => e.Type === 'volume' && e.Action === 'create' && e.Actor.ID === name);
      await core.docker().docker.createVolume({ Name: name });
      await seen;
      await core.docker().docker.getVolume(name).remove();
    } finally {
      await core.dispose();
    }
  });

  it('`slipway hosts` says what a round trip to the engine costs over ssh', async () => {
    const url = `ssh://${sshd.user}@127.0.0.1:${sshd.port}`;
    const hosts = await runCliCaptured({ argv: ['hosts'], env: { ...env(), DOCKER_HOST: url, SLIPWAY_SSH_OPTS: sshTestArgs(sshd.key).join(' ') }, cwd: dir });
    expect(hosts).toMatchObject({ code: 0, out: expect.stringContaining(`Current: ${url} (DOCKER_HOST)`) });
    expect(hosts.out).toMatch(/^Round trip: \d+(\.\d)? ms \(first answer \d+ ms, connecting included\)$/m);
  });

  it('takes ssh flags from SLIPWAY_SSH_OPTS and the host from DOCKER_HOST', async () => {
    const url = `ssh://${sshd.user}@127.0.0.1:${sshd.port}`;
    const connection = connectDocker({ env: { ...env(), DOCKER_HOST: url, SLIPWAY_SSH_OPTS: sshTestArgs(sshd.key).join(' ') } });
    const result = await pingHost(connection, 20_000);
    expect(result.ok).toBe(true);
  });

  it('says SSH authentication failed, and how to fix it, for a key the server does not know', async () => {
    const url = `ssh://${sshd.user}@127.0.0.1:${sshd.port}`;
    const result = await pingHost(connectDocker({ host: url, env: env(), sshArgs: sshTestArgs(sshd.strangerKey) }), 20_000);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('docker_ssh_auth');
    expect(result.error.message).toContain(url);
    expect(result.error.message).toMatch(/Permission denied/);
    expect(result.error.hint).toMatch(/ssh-copy-id|ssh-add/);
  });
});
