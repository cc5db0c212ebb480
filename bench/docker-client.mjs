// The engine a benchmark measures against: DOCKER_HOST (unix:// or tcp://) or the default socket.
import Docker from 'dockerode';

export const benchDockerHost = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';

export function benchDocker(host = benchDockerHost) {
  if (host.startsWith('unix://')) return new Docker({ socketPath: host.slice('unix://'.length) });
  const url = new URL(host.replace(/^tcp:/, 'http:'));
  return new Docker({ host: url.hostname, port: Number(url.port || 2375) });
}
