import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { connectDocker, type DockerConnection } from '../../../electron/core/docker/connect';
import { currentControlDir } from '../../../electron/core/docker/ssh-control-dir';
import { CHANNELS_PER_MASTER } from '../../../electron/core/docker/ssh-master';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import { startCli } from '../../support/cli-process';
import { testDockerHost } from '../../support/engine';
import { waitUntil } from '../../support/processes';
import { countingSshEnv, sshdForSuite, sshTestArgs, type CountingSsh, type SuiteSshd } from './sshd';

const suite = sshdForSuite('swsshm-');

/** Logins sshd accepted so far: one per ssh handshake, whoever made it. */
const logins = (s: SuiteSshd): number => (readFileSync(path.join(s.dir, 'sshd.log'), 'utf8').match(/Accepted publickey/g) ?? []).length;

/** The counting environment, with control sockets in a runtime folder of this test's own. */
function sharingEnv(): ReturnType<typeof countingSshEnv> & { runtime: string } {
  const counting = countingSshEnv(suite());
  const runtime = mkdtempSync(path.join(suite().dir, 'xdg-'));
  return { ...counting, runtime, env: { ...counting.env, XDG_RUNTIME_DIR: runtime } };
}

/** Processes whose command line names `dir` (a master that went to the background has a pid the wrapper never saw). */
function processesNaming(dir: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Runs `body` on a connection to the suite's host, closed after it; then no ssh of it may be left. */
async function onConnection(counting: { ssh: CountingSsh; env: Record<string, string | undefined> }, body: (connection: DockerConnection) => Promise<void>): Promise<void> {
  const connection = connectDocker({ host: suite().url, env: counting.env });
  try {
    await body(connection);
  } finally {
    await connection.close();
  }
  expect(counting.ssh.alive()).toEqual([]);
}

const destroyAll = (streams: unknown[]): void => {
  for (const stream of streams) if (stream instanceof Readable) stream.destroy();
};

describe('one ssh handshake carries the whole conversation', () => {
  it('concurrent calls and streams ride one master: one login at sshd', async () => {
    const counting = sharingEnv();
    const { ssh } = counting;
    const before = logins(suite());
    await onConnection(counting, async (connection) => {
      const streams = await Promise.all([connection.docker.getEvents({}), connection.docker.getEvents({})]);
      await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? connection.docker.listContainers({ all: true }) : connection.docker.listImages())));
      expect(ssh.handshakes()).toHaveLength(1);
      expect(ssh.started('master')).toHaveLength(1);
      expect(ssh.started('channel').length).toBeGreaterThanOrEqual(2);
      expect(logins(suite()) - before).toBe(1);
      destroyAll(streams);
    });
  });

  it('close() ends the master and its channels and removes the control socket', async () => {
    const { ssh, env, runtime } = sharingEnv();
    const connection = connectDocker({ host: suite().url, env });
    const stream = await connection.docker.getEvents({});
    await connection.docker.listContainers();
    const dir = currentControlDir();
    expect(dir?.startsWith(runtime)).toBe(true);
    expect(readdirSync(dir ?? runtime)).toHaveLength(1);
    expect(ssh.started('master', 'channel')).toHaveLength(2);
    await connection.close();
    expect(stream instanceof Readable && stream.destroyed).toBe(true);
    expect(ssh.alive()).toEqual([]);
    expect(processesNaming(runtime)).toEqual([]);
    expect(existsSync(dir ?? runtime)).toBe(false);
  });

  it('the CLI\'s master, channels and control socket end with its process', async () => {
    const { ssh, env, runtime } = sharingEnv();
    const project = mkdtempSync(path.join(suite().dir, 'project-'));
    writeFileSync(path.join(project, 'compose.yaml'), 'services:\n  a:\n    image: busybox:latest\n');
    const cliEnv = { ...env, DOCKER_HOST: suite().url, NO_COLOR: '1', SLIPWAY_CONFIG_DIR: path.join(suite().dir, 'config') };
    // `logs` dials a second connection ahead for its stream: a channel of the first
    const logs = await startCli(['logs'], { cwd: project, env: cliEnv }).exited();
    expect(logs.code).toBe(0);
    expect(ssh.started('master')).toHaveLength(1);
    expect(ssh.started('channel')).toHaveLength(1);
    expect(ssh.handshakes()).toHaveLength(1);
    await waitUntil(async () => ssh.alive().length === 0 && processesNaming(runtime).length === 0, 'the CLI\'s ssh processes to end', 10_000, 20);
    expect(readdirSync(runtime)).toEqual([]);
  });

  it('a process killed outright leaves no ssh behind: the master ends with its session', async () => {
    const { ssh, env, runtime } = sharingEnv();
    const cliEnv = { ...env, DOCKER_HOST: suite().url, NO_COLOR: '1', SLIPWAY_CONFIG_DIR: path.join(suite().dir, 'config') };
    const project = `swsshkilled${process.pid}`;
    const events = startCli(['-p', project, 'events'], { cwd: suite().dir, env: cliEnv });
    // a container event it prints: its stream (a channel) is up
    const docker = connectDocker({ host: testDockerHost() });
    try {
      await waitUntil(async () => {
        const container = await docker.docker.createContainer({ Image: 'busybox:latest', Cmd: ['true'], Labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': 'a' } });
        await container.remove();
        return events.out().length > 0;
      }, 'slipway events to print an event', 20_000, 200);
    } finally {
      await docker.close();
    }
    expect(ssh.started('master')).toHaveLength(1);
    expect(ssh.alive().length).toBeGreaterThanOrEqual(2);
    events.child.kill('SIGKILL');
    expect(processesNaming(runtime).length).toBeGreaterThanOrEqual(2);
    await waitUntil(async () => ssh.alive().length === 0 && processesNaming(runtime).length === 0, 'the ssh processes of a killed process to end', 15_000, 50);
    // its control socket went with the master; the folder stayed (nobody was left to remove it)
    expect(readdirSync(runtime)).toHaveLength(1);
    expect(readdirSync(runtime).flatMap((dir) => readdirSync(path.join(runtime, dir)))).toEqual([]);
    // until the next process that shares a connection there sweeps it
    await onConnection({ ssh, env }, async (connection) => {
      await connection.docker.listContainers();
    });
    expect(readdirSync(runtime)).toEqual([]);
  });

  it('killing the master: its channels end, the state feed reconnects on a new master', async () => {
    const { ssh, env } = sharingEnv();
    const core = new SlipwayCore({ env, dockerHost: suite().url });
    try {
      const events = await core.engineEvents();
      await core.docker().docker.listContainers();
      const [master] = ssh.started('master');
      expect(master).toEqual(expect.any(Number));
      const disconnected = new Promise((resolve) => events.once('disconnected', resolve));
      process.kill(master ?? 0, 'SIGKILL');
      await disconnected;
      await new Promise<void>((resolve) => events.once('connected', () => resolve()));
      await core.docker().docker.listContainers();
      expect(ssh.started('master')).toHaveLength(2);
      const name = `slipway-ssh-master-${process.pid}`;
      const seen = events.waitFor((e) => e.Type === 'volume' && e.Action === 'create' && e.Actor.ID === name);
      await core.docker().docker.createVolume({ Name: name });
      await seen;
      await core.docker().docker.getVolume(name).remove();
      // the killed master's socket file is gone; the new master's is there
      expect(readdirSync(currentControlDir() ?? '')).toHaveLength(1);
    } finally {
      await core.dispose();
    }
    expect(ssh.alive()).toEqual([]);
  });

  it(`past ${CHANNELS_PER_MASTER} channels (sshd's MaxSessions is 10), connections dial on their own`, async () => {
    const counting = sharingEnv();
    const { ssh } = counting;
    await onConnection(counting, async (connection) => {
      await connection.docker.listContainers();
      const streams = await Promise.all(Array.from({ length: CHANNELS_PER_MASTER + 2 }, () => connection.docker.getEvents({})));
      await connection.docker.listContainers();
      expect(ssh.started('channel')).toHaveLength(CHANNELS_PER_MASTER);
      expect(ssh.started('direct')).toHaveLength(2);
      destroyAll(streams);
    });
  });

  it('a host whose ssh config shares connections already is left to it: nothing of ours is added', async () => {
    const { ssh, env, runtime } = sharingEnv();
    const userConfig = path.join(suite().dir, 'user_ssh_config');
    const userSockets = mkdtempSync(path.join(suite().dir, 'cm-'));
    writeFileSync(userConfig, `Host *\n  ControlMaster auto\n  ControlPath ${userSockets}/%C\n  ControlPersist no\n`);
    // the suite's flags, with this config in place of -F /dev/null
    const flags = sshTestArgs(suite().sshd.key).map((arg) => (arg === '/dev/null' ? userConfig : arg));
    await onConnection({ ssh, env: { ...env, SLIPWAY_SSH_OPTS: flags.join(' ') } }, async (connection) => {
      await Promise.all([connection.docker.listContainers(), connection.docker.info()]);
      // the first connection's master (dialled while `ssh -G` answered) was ended unused
      expect(ssh.started('master').length).toBeLessThanOrEqual(1);
      expect(ssh.started('channel')).toEqual([]);
      expect(ssh.started('direct').length).toBeGreaterThanOrEqual(2);
      expect(ssh.alive().filter((pid) => ssh.started('master').includes(pid))).toEqual([]);
      expect(readdirSync(runtime)).toEqual([]);
      // ssh made the user's own master where the user said
      expect(readdirSync(userSockets)).toHaveLength(1);
    });
  });
});
