import { execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { testDockerHost } from '../../support/engine';
import { probablyFreePort, startOwnedProcess, stopOwnedProcess, waitUntil } from '../../support/processes';

export const SSHD = '/usr/sbin/sshd';

export interface TestSshd {
  port: number;
  user: string;
  /** The client key sshd accepts. */
  key: string;
  /** A key sshd does not know. */
  strangerKey: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * An sshd on 127.0.0.1 with its own host key and one authorized client key; commands it
 * runs see DOCKER_HOST=remoteDockerHost, so `docker system dial-stdio` reaches that engine.
 */
export async function startTestSshd(dir: string, remoteDockerHost: string): Promise<TestSshd> {
  mkdirSync(dir, { recursive: true });
  // the privilege separation directory sshd needs (systemd makes it on a normal system)
  if (!existsSync('/run/sshd')) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const keygen = (file: string): void => {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, file)]);
  };
  keygen('host_key');
  keygen('client_key');
  keygen('stranger_key');
  writeFileSync(path.join(dir, 'authorized_keys'), readFileSync(path.join(dir, 'client_key.pub')));
  chmodSync(path.join(dir, 'authorized_keys'), 0o600);
  // sshd refuses Port 0, so this port is probed (a small race; inetd mode, sshd -i on
  // sockets we accept, would close it).
  const port = await probablyFreePort();
  const config = path.join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${path.join(dir, 'host_key')}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'StrictModes no',
      'UsePAM no',
      `SetEnv DOCKER_HOST=${remoteDockerHost}`,
      '',
    ].join('\n'),
  );
  const user = execFileSync('id', ['-un']).toString().trim();
  const child = startOwnedProcess(SSHD, ['-D', '-e', '-f', config], path.join(dir, 'sshd.log'));
  await waitUntil(
    () =>
      new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.destroy();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      }),
    'sshd to listen',
    15_000,
    50,
    child,
  );
  return {
    port,
    user,
    key: path.join(dir, 'client_key'),
    strangerKey: path.join(dir, 'stranger_key'),
    process: child,
    stop: () => stopOwnedProcess(child, 5_000),
  };
}

/**
 * A further client key sshd accepts, whose logins run `forcedCommand` whatever the client
 * asked (sshd's `command="…"` option): a far side without docker, or with an old one.
 */
export function authorizeForcedKey(dir: string, name: string, forcedCommand: string): string {
  const key = path.join(dir, `${name}_key`);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
  const line = `command="${forcedCommand.replace(/"/g, '\\"')}",no-pty ${readFileSync(`${key}.pub`, 'utf8').trim()}\n`;
  writeFileSync(path.join(dir, 'authorized_keys'), line, { flag: 'a' });
  return key;
}

/** ssh flags for a throwaway server: our key only, no known_hosts, no user config. */
export function sshTestArgs(key: string): string[] {
  return ['-F', '/dev/null', '-i', key, '-o', 'IdentitiesOnly=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR'];
}

/** What an ssh process the wrapper started was for (from its flags). */
export type SshRole = 'master' | 'channel' | 'direct' | 'config';

export interface CountingSsh {
  /** The program to use as SLIPWAY_SSH_COMMAND: ssh itself, its pid and role noted first. */
  command: string;
  /** Every connection to the engine it started (pids): masters, their channels and direct ones — not `ssh -G`. */
  spawned(): number[];
  /** The processes it started for these roles. */
  started(...roles: SshRole[]): number[];
  /** Full ssh handshakes: masters and direct connections. */
  handshakes(): number[];
  /** Every process it started (`ssh -G` too) still running (zombies count as gone). */
  alive(): number[];
}

/** An `ssh` wrapper that notes the pid and role of every ssh it runs (it execs ssh, so the pid is ssh's). */
export function countingSsh(dir: string): CountingSsh {
  const log = path.join(dir, 'ssh-pids.log');
  const command = path.join(dir, 'ssh-counting');
  const ssh = execFileSync('sh', ['-c', 'command -v ssh']).toString().trim();
  const roles = 'case " $* " in *" -G "*) role=config ;; *ControlMaster=yes*) role=master ;; *ControlMaster=no*) role=channel ;; *) role=direct ;; esac';
  writeFileSync(command, `#!/bin/sh\n${roles}\necho "$$ $role" >> '${log}'\nexec '${ssh}' "$@"\n`, { mode: 0o755 });
  const entries = (): Array<{ pid: number; role: string }> =>
    existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((line) => ({ pid: Number(line.split(' ')[0]), role: line.split(' ')[1] ?? '' })) : [];
  const started = (...wanted: SshRole[]): number[] => entries().filter((e) => wanted.some((r) => r === e.role)).map((e) => e.pid);
  const running = (pid: number): boolean => {
    try {
      // "PID (comm) STATE ...": Z is a zombie, X dead
      const state = /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
      return state !== undefined && state !== 'Z' && state !== 'X';
    } catch {
      return false;
    }
  };
  return {
    command,
    started,
    spawned: () => started('master', 'channel', 'direct'),
    handshakes: () => started('master', 'direct'),
    alive: () => entries().map((e) => e.pid).filter(running),
  };
}

export interface SuiteSshd {
  /** The suite's temp folder (HOME of the ssh client, the sshd's keys). */
  dir: string;
  sshd: TestSshd;
  /** ssh://USER@127.0.0.1:PORT */
  url: string;
}

/** A test file's sshd in front of the test engine: started before its tests, stopped (and its folder removed) after. */
export function sshdForSuite(prefix: string): () => SuiteSshd {
  let suite: SuiteSshd | undefined;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    const sshd = await startTestSshd(dir, testDockerHost());
    suite = { dir, sshd, url: `ssh://${sshd.user}@127.0.0.1:${sshd.port}` };
  });
  afterAll(async () => {
    await suite?.sshd.stop();
    if (suite) rmSync(suite.dir, { recursive: true, force: true });
  });
  return () => {
    if (!suite) throw new Error('the suite\'s sshd has not started');
    return suite;
  };
}

/** An environment whose ssh is a counting wrapper of its own (a pid log per call), with the suite's key. */
export function countingSshEnv(suite: SuiteSshd): { ssh: CountingSsh; env: Record<string, string | undefined> } {
  const ssh = countingSsh(mkdtempSync(path.join(suite.dir, 'count-')));
  return { ssh, env: { PATH: process.env.PATH, HOME: suite.dir, SLIPWAY_SSH_COMMAND: ssh.command, SLIPWAY_SSH_OPTS: sshTestArgs(suite.sshd.key).join(' ') } };
}
