// An sshd on 127.0.0.1 in front of an engine, for the remote benchmark: its own host key and
// one client key in a temp folder; commands it runs see DOCKER_HOST=the engine, so
// `docker system dial-stdio` on the "far side" reaches it. An `ssh` wrapper earlier on PATH
// adds `-F` with a config of its own, so every ssh client (the Docker CLI's and Slipway's)
// reaches it as `ssh://bench` with nothing of the user's ~/.ssh involved.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function listening(port, child, log) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sshd exited: ${readFileSync(log, 'utf8')}`);
    const ok = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error('sshd did not listen');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts sshd; returns { url, env (PATH with the wrapper first), stop() }. */
export async function startBenchSshd(dir, dockerHost) {
  mkdirSync(dir, { recursive: true });
  if (!existsSync('/run/sshd')) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  for (const key of ['host_key', 'client_key']) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, key)]);
  writeFileSync(path.join(dir, 'authorized_keys'), readFileSync(path.join(dir, 'client_key.pub')));
  chmodSync(path.join(dir, 'authorized_keys'), 0o600);
  const port = await freePort();
  const config = path.join(dir, 'sshd_config');
  writeFileSync(config, [
    `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${path.join(dir, 'host_key')}`, `PidFile ${path.join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`, 'PubkeyAuthentication yes', 'PasswordAuthentication no',
    'KbdInteractiveAuthentication no', 'PermitRootLogin prohibit-password', 'StrictModes no', 'UsePAM no',
    `SetEnv DOCKER_HOST=${dockerHost}`, '',
  ].join('\n'));
  const user = execFileSync('id', ['-un']).toString().trim();
  const clientConfig = path.join(dir, 'ssh_config');
  writeFileSync(clientConfig, [
    'Host bench', '  HostName 127.0.0.1', `  Port ${port}`, `  User ${user}`, `  IdentityFile ${path.join(dir, 'client_key')}`,
    '  IdentitiesOnly yes', '  StrictHostKeyChecking no', '  UserKnownHostsFile /dev/null', '  LogLevel ERROR', '',
  ].join('\n'));
  const bin = path.join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const realSsh = execFileSync('sh', ['-c', 'command -v ssh']).toString().trim();
  writeFileSync(path.join(bin, 'ssh'), `#!/bin/sh\nexec ${realSsh} -F ${clientConfig} "$@"\n`, { mode: 0o755 });
  const log = path.join(dir, 'sshd.log');
  const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.on('data', (d) => writeFileSync(log, d, { flag: 'a' }));
  await listening(port, child, log);
  return {
    url: 'ssh://bench',
    env: { PATH: `${bin}:${process.env.PATH}` },
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
