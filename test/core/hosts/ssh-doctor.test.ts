import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import type { DoctorCheckInfo } from '../../../shared/contract/host';
import { authorizeForcedKey, sshdForSuite, sshTestArgs } from './sshd';

const suite = sshdForSuite('swsshd-');

/** The doctor's engine check for the suite's host, with these ssh flags, through the contract. */
async function engineCheck(sshOpts: string[]): Promise<DoctorCheckInfo | undefined> {
  const core = new SlipwayCore({ env: { PATH: process.env.PATH, HOME: suite().dir, SLIPWAY_SSH_OPTS: sshOpts.join(' ') }, dockerHost: suite().url });
  try {
    const report = await core.client().call('doctor.run', { path: suite().dir, requireProject: false });
    return report.checks.find((c) => c.id === 'engine.reachable');
  } finally {
    await core.dispose();
  }
}

function fixOf(check: DoctorCheckInfo | undefined): string {
  return check?.fix?.kind === 'command' ? check.fix.command : '';
}

/** Flags that check the host key against `knownHosts` (the test flags skip that check). */
function strictHostKey(knownHosts: string): string[] {
  return ['-F', '/dev/null', '-i', suite().sshd.key, '-o', 'IdentitiesOnly=yes', '-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'LogLevel=ERROR'];
}

describe('doctor explains an ssh:// failure, with the command to fix it', () => {
  it('passes for a far side that works', async () => {
    expect(await engineCheck(sshTestArgs(suite().sshd.key))).toMatchObject({ status: 'ok' });
  });

  it('an unknown key: authentication failed, add the key', async () => {
    const check = await engineCheck(sshTestArgs(suite().sshd.strangerKey));
    expect(check).toMatchObject({ status: 'fail', message: expect.stringMatching(/SSH authentication failed \(.*Permission denied/) });
    expect(fixOf(check)).toContain(`ssh-copy-id -p ${suite().sshd.port} ${suite().sshd.user}@127.0.0.1`);
  });

  it('a host key that changed, or one never accepted', async () => {
    const changed = path.join(suite().dir, 'known_hosts_changed');
    // the server's name with another key: what a reinstalled (or impersonated) host looks like
    const otherKey = execFileSync('sh', ['-c', `cat '${suite().sshd.strangerKey}.pub'`]).toString().trim().split(' ').slice(0, 2).join(' ');
    writeFileSync(changed, `[127.0.0.1]:${suite().sshd.port} ${otherKey}\n`);
    const check = await engineCheck(strictHostKey(changed));
    expect(check).toMatchObject({ status: 'fail', message: expect.stringContaining('the host key has changed') });
    expect(fixOf(check)).toContain(`ssh-keygen -R '[127.0.0.1]:${suite().sshd.port}'`);

    const empty = path.join(suite().dir, 'known_hosts_empty');
    writeFileSync(empty, '');
    const unknown = await engineCheck(strictHostKey(empty));
    expect(unknown).toMatchObject({ status: 'fail', message: expect.stringContaining('the host key is unknown') });
    expect(fixOf(unknown)).toContain(`ssh -p ${suite().sshd.port} ${suite().sshd.user}@127.0.0.1`);
  });

  it('a far side without docker', async () => {
    // the login's shell finds no docker on its PATH
    const key = authorizeForcedKey(suite().dir, 'nodocker', 'PATH=/nonexistent; docker system dial-stdio');
    const check = await engineCheck(sshTestArgs(key));
    expect(check).toMatchObject({ status: 'fail', message: expect.stringMatching(/has no `docker` command \(.*docker: (command )?not found/) });
    expect(fixOf(check)).toMatch(/Install the Docker CLI on the remote host/);
  });

  it('a far side whose docker has no `system dial-stdio`', async () => {
    // what a Docker CLI older than 18.09 answers: the usage of `docker system`, without dial-stdio
    const key = authorizeForcedKey(suite().dir, 'olddocker', 'exec /usr/bin/docker system no-such-subcommand');
    const check = await engineCheck(sshTestArgs(key));
    expect(check).toMatchObject({ status: 'fail', message: expect.stringContaining('has no `system dial-stdio`') });
    expect(fixOf(check)).toContain(`ssh -p ${suite().sshd.port} ${suite().sshd.user}@127.0.0.1 docker system dial-stdio --help`);
  });
});
