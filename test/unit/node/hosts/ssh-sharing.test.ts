import { describe, expect, it } from 'vitest';
import { sharesConnections, sharingAllowed } from '../../../../electron/core/docker/ssh-mux';
import { sshArgs, sshConfigArgs, sshTargetFromUrl } from '../../../../electron/core/docker/ssh-target';

/** What `ssh -G` prints, in part (its keys are lower case). */
const config = (lines: string[]): string => ['user deploy', 'hostname build.example.com', 'port 22', ...lines, 'batchmode no', ''].join('\n');

describe('ssh connection sharing is ours to add only where the user set none', () => {
  it('reads ControlMaster and ControlPath from `ssh -G`', () => {
    expect(sharesConnections(config(['controlmaster false', 'controlpath none']))).toBe(false);
    expect(sharesConnections(config(['controlmaster auto', 'controlpath /home/dev/.ssh/cm-%C']))).toBe(true);
    // a path alone: ssh uses a master someone else started
    expect(sharesConnections(config(['controlmaster false', 'controlpath /home/dev/.ssh/cm-%C']))).toBe(true);
    expect(sharesConnections(config(['controlmaster yes', 'controlpath none']))).toBe(true);
    // an ssh that prints neither (an old or a wrapped one): nothing of the user's
    expect(sharesConnections(config([]))).toBe(false);
  });

  it('adds nothing when the flags already say how to share, or SLIPWAY_SSH_MUX=0', () => {
    const allowed = (opts: string, env: Record<string, string> = {}): boolean => sharingAllowed(sshTargetFromUrl('ssh://build', { ...env, SLIPWAY_SSH_OPTS: opts }));
    expect(allowed('-i /k/id -o ProxyJump=bastion -o ServerAliveInterval=5')).toBe(true);
    expect(allowed('-oServerAliveInterval=5 -4')).toBe(true);
    expect(allowed('-o ControlPath=/run/cm')).toBe(false);
    expect(allowed('-oControlMaster=auto')).toBe(false);
    expect(allowed('-o controlpersist=10m')).toBe(false);
    expect(allowed('-S /run/cm')).toBe(false);
    expect(allowed('-M')).toBe(false);
    expect(allowed('-4M')).toBe(false);
    expect(allowed('', { SLIPWAY_SSH_MUX: '0' })).toBe(false);
  });

  it('the options go after the user\'s, and `ssh -G` asks about the same host with the same flags', () => {
    const target = sshTargetFromUrl('ssh://deploy@build:2222', { SLIPWAY_SSH_OPTS: '-F /etc/ssh/team' });
    expect(sshArgs(target, ['-o', 'ControlMaster=no', '-o', 'ControlPath=/run/x/0'])).toEqual([
      '-o', 'ConnectTimeout=30', '-o', 'BatchMode=yes', '-T', '-F', '/etc/ssh/team',
      '-o', 'ControlMaster=no', '-o', 'ControlPath=/run/x/0',
      '-l', 'deploy', '-p', '2222', '--', 'build', 'docker', 'system', 'dial-stdio',
    ]);
    expect(sshConfigArgs(target)).toEqual(['-F', '/etc/ssh/team', '-G', '-l', 'deploy', '-p', '2222', '--', 'build']);
  });
});
