import os from 'node:os';
import path from 'node:path';

type Env = Record<string, string | undefined>;

export interface SocketCandidate {
  /** Who usually makes this socket. */
  label: string;
  path: string;
}

/**
 * Where engines put their socket, in the order we try them when nothing names a host:
 * the system socket first (the Docker CLI's default), then per-user and VM managers' ones.
 */
export function defaultSocketCandidates(env: Env, platform: NodeJS.Platform = process.platform): SocketCandidate[] {
  if (platform === 'win32') return [];
  const home = env.HOME || os.homedir();
  const uid = process.getuid?.() ?? 0;
  const runtimeDir = env.XDG_RUNTIME_DIR || `/run/user/${uid}`;
  const list: SocketCandidate[] = [
    { label: 'system docker', path: '/var/run/docker.sock' },
    { label: 'Docker Desktop', path: path.join(home, '.docker', 'run', 'docker.sock') },
  ];
  if (platform === 'darwin') {
    list.push(
      { label: 'Colima', path: path.join(home, '.colima', 'default', 'docker.sock') },
      { label: 'Colima', path: path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'colima', 'default', 'docker.sock') },
      { label: 'OrbStack', path: path.join(home, '.orbstack', 'run', 'docker.sock') },
      { label: 'Rancher Desktop', path: path.join(home, '.rd', 'docker.sock') },
      { label: 'Lima', path: path.join(home, '.lima', 'docker', 'sock', 'docker.sock') },
      { label: 'Podman machine', path: path.join(env.TMPDIR || os.tmpdir(), 'podman', 'podman-machine-default-api.sock') },
      { label: 'Podman machine', path: path.join(home, '.local', 'share', 'containers', 'podman', 'machine', 'podman.sock') },
    );
  } else {
    list.push(
      { label: 'rootless docker', path: path.join(runtimeDir, 'docker.sock') },
      { label: 'Docker Desktop', path: path.join(home, '.docker', 'desktop', 'docker.sock') },
      { label: 'Podman', path: path.join(runtimeDir, 'podman', 'podman.sock') },
    );
  }
  return list;
}
