import Docker from 'dockerode';
import { SlipwayError } from '../../../shared/errors';

/** Where the engine is and how we reached it. */
export interface ResolvedHost {
  /** As the user would write it: unix:///var/run/docker.sock, tcp://127.0.0.1:2376, ssh://u@h. */
  url: string;
  /** Which rule chose it: flag, DOCKER_HOST, context NAME, default. */
  source: string;
  tls: boolean;
}

export interface DockerConnection {
  docker: Docker;
  host: ResolvedHost;
}

export interface ConnectOptions {
  /** `--host` / `-H`. */
  host?: string;
  env?: Record<string, string | undefined>;
}

/**
 * Resolve the Docker host as the Docker CLI does and build a client for it.
 * This first version knows `--host`, DOCKER_HOST (unix and plain tcp) and the default
 * socket; contexts, TLS and SSH live beside it in this folder.
 */
export function connectDocker(options: ConnectOptions = {}): DockerConnection {
  const env = options.env ?? process.env;
  const fromFlag = options.host;
  const fromEnv = env.DOCKER_HOST;
  const url = fromFlag ?? fromEnv ?? 'unix:///var/run/docker.sock';
  const source = fromFlag !== undefined ? '--host' : fromEnv !== undefined ? 'DOCKER_HOST' : 'default socket';
  if (url.startsWith('unix://')) {
    return { docker: new Docker({ socketPath: url.slice('unix://'.length) }), host: { url, source, tls: false } };
  }
  if (url.startsWith('tcp://')) {
    const parsed = new URL(url.replace(/^tcp:/, 'http:'));
    return {
      docker: new Docker({ host: parsed.hostname, port: Number(parsed.port || 2375), protocol: 'http' }),
      host: { url, source, tls: false },
    };
  }
  throw new SlipwayError('docker_host_unsupported', `Cannot reach Docker host ${url} (from ${source}): unsupported scheme`, 'Use unix://PATH, tcp://HOST:PORT or ssh://USER@HOST.');
}
