import { describe, expect, it } from 'vitest';
import { defaultSocketCandidates } from '../../../../electron/core/docker/default-sockets';
import { sshArgs, sshTargetFromUrl } from '../../../../electron/core/docker/ssh-target';

describe('ssh:// as the Docker CLI dials it', () => {
  it('runs `docker system dial-stdio` on the host, with user, port and extra flags, never prompting', () => {
    const target = sshTargetFromUrl('ssh://deploy@build.example.com:2222', { SLIPWAY_SSH_OPTS: '-i /k/id -o ProxyJump=bastion' }, ['-F', '/dev/null']);
    expect(sshArgs(target)).toEqual([
      '-o', 'ConnectTimeout=30', '-o', 'BatchMode=yes', '-T',
      '-i', '/k/id', '-o', 'ProxyJump=bastion', '-F', '/dev/null',
      '-l', 'deploy', '-p', '2222',
      '--', 'build.example.com', 'docker', 'system', 'dial-stdio',
    ]);
    expect(target.command).toBe('ssh');
    expect(sshArgs(sshTargetFromUrl('ssh://build', {}))).toEqual(['-o', 'ConnectTimeout=30', '-o', 'BatchMode=yes', '-T', '--', 'build', 'docker', 'system', 'dial-stdio']);
    expect(sshTargetFromUrl('ssh://u@[::1]:22', { SLIPWAY_SSH_COMMAND: '/opt/ssh' })).toMatchObject({ host: '::1', command: '/opt/ssh' });
  });

  it('knows the VM managers\' sockets on macOS and the rootless one on Linux', () => {
    const mac = defaultSocketCandidates({ HOME: '/Users/dev', TMPDIR: '/var/folders/x/T' }, 'darwin').map((c) => c.path);
    expect(mac[0]).toBe('/var/run/docker.sock');
    expect(mac).toContain('/Users/dev/.colima/default/docker.sock');
    expect(mac).toContain('/Users/dev/.orbstack/run/docker.sock');
    expect(mac).toContain('/Users/dev/.rd/docker.sock');
    expect(mac).toContain('/var/folders/x/T/podman/podman-machine-default-api.sock');
    const linux = defaultSocketCandidates({ HOME: '/home/dev', XDG_RUNTIME_DIR: '/run/user/1000' }, 'linux').map((c) => c.path);
    expect(linux).toContain('/run/user/1000/docker.sock');
    expect(defaultSocketCandidates({}, 'win32')).toEqual([]);
  });
});
