import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { connectDocker } from '../../../electron/core/docker/connect';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import { waitUntil } from '../../support/processes';
import { countingSshEnv, sshdForSuite } from './sshd';

const suite = sshdForSuite('swsshp-');

const POOL_SIZE = 4;

describe('the pooled ssh:// transport', () => {
  it('carries many calls, one after another and at once, on at most the pool size of ssh processes', async () => {
    // each test counts its own ssh processes: a wrapper (and pid log) of its own
    const { ssh, env } = countingSshEnv(suite());
    const connection = connectDocker({ host: suite().url, env });
    try {
      for (let i = 0; i < 15; i++) await connection.docker.listContainers({ all: true });
      expect(ssh.spawned()).toHaveLength(1);
      await Promise.all(Array.from({ length: 20 }, () => connection.docker.listImages()));
      expect(ssh.spawned().length).toBeLessThanOrEqual(POOL_SIZE);
    } finally {
      await connection.close();
    }
    expect(ssh.alive()).toEqual([]);
  });

  it('a pool whose calls meet dials its next connection ahead; one used a call at a time never does', async () => {
    const { ssh, env } = countingSshEnv(suite());
    const connection = connectDocker({ host: suite().url, env });
    try {
      await connection.docker.listContainers();
      await connection.docker.listContainers();
      expect(ssh.spawned()).toHaveLength(1);
      // two calls at once: a second connection, and a third dialled ahead for the next time calls meet
      await Promise.all([connection.docker.listContainers(), connection.docker.listImages()]);
      await waitUntil(async () => ssh.spawned().length === 3, 'a connection to be dialled ahead', 20_000, 20);
      // three at once take it and dial the pool's last ahead; the pool never passes its size
      await Promise.all([connection.docker.listContainers(), connection.docker.listImages(), connection.docker.listVolumes()]);
      await waitUntil(async () => ssh.spawned().length === POOL_SIZE, 'the last connection to be dialled ahead', 20_000, 20);
      await Promise.all(Array.from({ length: 10 }, () => connection.docker.listImages()));
      expect(ssh.spawned()).toHaveLength(POOL_SIZE);
    } finally {
      await connection.close();
    }
    expect(ssh.alive()).toEqual([]);
  });

  it('gives each long-lived stream a connection of its own, so quick calls never wait behind them', async () => {
    const { ssh, env } = countingSshEnv(suite());
    const connection = connectDocker({ host: suite().url, env });
    try {
      // more streams than the pool has connections: quick calls must still get through
      const streams = await Promise.all(Array.from({ length: POOL_SIZE + 1 }, () => connection.docker.getEvents({})));
      for (let i = 0; i < 5; i++) await connection.docker.listContainers();
      expect(ssh.spawned()).toHaveLength(POOL_SIZE + 2);
      const closed = streams.map((stream) => new Promise((resolve) => stream.once('close', resolve)));
      for (const stream of streams) if (stream instanceof Readable) stream.destroy();
      await Promise.all(closed);
      await connection.docker.listContainers();
      expect(ssh.spawned()).toHaveLength(POOL_SIZE + 2);
    } finally {
      await connection.close();
    }
    expect(ssh.alive()).toEqual([]);
  });

  it('recovers when the ssh processes are killed: the next call works and events resume', async () => {
    const { ssh, env } = countingSshEnv(suite());
    const core = new SlipwayCore({ env, dockerHost: suite().url });
    try {
      const events = await core.engineEvents();
      await core.docker().docker.listContainers();
      const before = ssh.alive();
      expect(before.length).toBeGreaterThanOrEqual(2);
      const disconnected = new Promise((resolve) => events.once('disconnected', resolve));
      for (const pid of before) process.kill(pid, 'SIGKILL');
      await disconnected;
      await new Promise<void>((resolve) => events.once('connected', () => resolve()));
      await core.docker().docker.listContainers();
      const name = `slipway-ssh-recover-${process.pid}`;
      const seen = events.waitFor((e) => e.Type === 'volume' && e.Action === 'create' && e.Actor.ID === name);
      await core.docker().docker.createVolume({ Name: name });
      await seen;
      await core.docker().docker.getVolume(name).remove();
      expect(ssh.alive().filter((pid) => before.includes(pid))).toEqual([]);
    } finally {
      await core.dispose();
    }
  });

  it('leaves no ssh process behind when the core is disposed', async () => {
    const { ssh, env } = countingSshEnv(suite());
    const core = new SlipwayCore({ env, dockerHost: suite().url });
    await core.engineEvents();
    await Promise.all([core.docker().docker.listContainers(), core.docker().docker.listImages(), core.docker().docker.info()]);
    expect(ssh.alive().length).toBeGreaterThanOrEqual(2);
    await core.dispose();
    expect(ssh.alive()).toEqual([]);
  });
});
