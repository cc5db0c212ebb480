import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import Docker from 'dockerode';
import DockerModem from 'docker-modem';
import { errorMessage, SlipwayError } from '../../../shared/errors';
import type { ResolvedHost } from './resolve-host';
import { resolveHost } from './resolve-host';
import { RoutingModem } from './routing-modem';
import { sshTargetFromUrl, SshDialStdioAgent } from './ssh-agent';
import { errnoCode } from '../thrown';
import { NO_TLS_NAME } from '../no-tls-name';

export type { ResolvedHost } from './resolve-host';

export interface DockerConnection {
  docker: Docker;
  host: ResolvedHost;
  /**
   * Ends the connections kept alive for this host (an ssh:// host's ssh children
   * included) and resolves once they are gone. Requests still running fail.
   */
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** `--host` / `-H`. */
  host?: string;
  /** `--context`. */
  context?: string;
  env?: Record<string, string | undefined>;
  /** Extra ssh flags for ssh:// hosts (added after SLIPWAY_SSH_OPTS). */
  sshArgs?: string[];
  /**
   * ssh:// only: keep one connection dialled ahead for the next long-lived stream (logs,
   * events, exec), for shells that live long (the window, serve). The first quick call's
   * connection is always dialled ahead, as the host is resolved.
   */
  streamSpare?: boolean;
}

/**
 * Resolve the Docker host as the Docker CLI does (see resolve-host.ts) and build a
 * client for it. Synchronous: only an ssh:// host starts dialling its first connection at
 * once (the handshake overlaps what the caller does before its first request); use
 * pingHost() to find out whether the engine answers.
 */
export function connectDocker(options: ConnectOptions = {}): DockerConnection {
  const env = options.env ?? process.env;
  const host = resolveHost({
    env,
    ...(options.host ? { host: options.host } : {}),
    ...(options.context ? { context: options.context } : {}),
  });
  return { ...guardedClient(host, env, { sshArgs: options.sshArgs, streamSpare: options.streamSpare }), host };
}

/**
 * A client of its own for the host of `connection` (no kept-alive connection shared): asks
 * whether the host takes new connections — a daemon that is stopping still answers on the
 * connections it has open, but refuses new ones.
 */
export function freshConnection(connection: DockerConnection, env: Record<string, string | undefined>): DockerConnection {
  return { ...guardedClient(connection.host, env), host: connection.host };
}

type SshOptions = Pick<ConnectOptions, 'sshArgs' | 'streamSpare'>;

interface Client {
  docker: Docker;
  /** Ends the kept-alive connections (the keep-alive agent every request goes through). */
  close(): Promise<void>;
}

/** docker-modem reads process.env itself and may throw on a value we do not even use. */
function guardedClient(host: ResolvedHost, env: Record<string, string | undefined>, ssh: SshOptions = {}): Client {
  try {
    return clientFor(host, env, ssh);
  } catch (error) {
    if (error instanceof SlipwayError) throw error;
    throw new SlipwayError('docker_host_invalid', `Cannot use Docker host ${host.url} (from ${host.source}): ${errorMessage(error)}`, 'Check DOCKER_HOST and the docker context (`slipway hosts`).');
  }
}

// docker-modem fills its defaults from process.env (DOCKER_HOST, DOCKER_CERT_PATH...):
// every field is set explicitly so that only the resolved host counts.
const NEUTRAL = {
  socketPath: undefined,
  host: undefined,
  port: undefined,
  protocol: undefined,
  ca: undefined,
  cert: undefined,
  key: undefined,
  username: undefined,
  sshOptions: undefined,
  pathPrefix: undefined,
  timeout: undefined,
} as const;

function clientFor(host: ResolvedHost, env: Record<string, string | undefined>, ssh: SshOptions): Client {
  const url = host.url;
  // keep-alive: consecutive calls reuse a connection instead of dialling (and for TLS, shaking hands) again
  const keepAlive = (): http.Agent => new http.Agent({ keepAlive: true, maxFreeSockets: 4, scheduling: 'lifo', ...NO_TLS_NAME });
  const local = (socketPath: string): Client => {
    const agent = keepAlive();
    return { docker: new Docker(withAgent({ ...NEUTRAL, socketPath }, agent)), close: destroying(agent) };
  };
  if (url.startsWith('unix://')) return local(url.slice('unix://'.length));
  if (url.startsWith('npipe://')) return local(url.slice('npipe://'.length) || '//./pipe/docker_engine');
  if (url.startsWith('tcp://')) {
    const parsed = new URL(url.replace(/^tcp:/, 'http:'));
    const base = { ...NEUTRAL, host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port || (host.tls ? 2376 : 2375)) };
    if (!host.tls) {
      const agent = keepAlive();
      return { docker: new Docker(withAgent({ ...base, protocol: 'http' }, agent)), close: destroying(agent) };
    }
    const material = readTlsFiles(host);
    const agent = new https.Agent({ ...material, rejectUnauthorized: host.tlsVerify !== false, keepAlive: true, maxFreeSockets: 4, scheduling: 'lifo' });
    return { docker: new Docker(withAgent({ ...base, protocol: 'https', ...material }, agent)), close: destroying(agent) };
  }
  if (url.startsWith('ssh://')) {
    const target = sshTargetFromUrl(url, env, ssh.sshArgs);
    const pooled = new SshDialStdioAgent(target);
    const own = new SshDialStdioAgent(target, { poolSize: 0, keepSpare: ssh.streamSpare === true });
    // dial ahead: the first call's handshake runs while the caller gets ready
    pooled.prime();
    if (ssh.streamSpare === true) own.prime();
    // the agents dial; host/port only shape the request line
    const modemFor = (agent: SshDialStdioAgent): DockerModem.ConstructorOptions => ({ ...NEUTRAL, host: 'docker', port: 80, protocol: 'http', agent });
    const modem = new RoutingModem(modemFor(pooled), new DockerModem(modemFor(own)), () => own.createConnection());
    return { docker: new Docker(withModem({}, modem)), close: () => Promise.all([pooled.close(), own.close()]).then(() => undefined) };
  }
  throw new SlipwayError('docker_host_unsupported', `Cannot reach Docker host ${url} (from ${host.source}): unsupported scheme`, 'Use unix://PATH, tcp://HOST:PORT or ssh://USER@HOST.');
}

function destroying(agent: http.Agent): () => Promise<void> {
  return async () => agent.destroy();
}

/** dockerode takes a ready `modem`; its DockerOptions typings do not list it. */
function withModem(options: Docker.DockerOptions, modem: DockerModem): Docker.DockerOptions {
  const withIt = { ...options, modem };
  return withIt;
}

/** docker-modem takes an http(s) `agent`; dockerode's DockerOptions typings do not list it. */
function withAgent(options: Docker.DockerOptions, agent: http.Agent): Docker.DockerOptions {
  const withIt = { ...options, agent };
  return withIt;
}

function readTlsFiles(host: ResolvedHost): { ca?: Buffer; cert?: Buffer; key?: Buffer } {
  const result: { ca?: Buffer; cert?: Buffer; key?: Buffer } = {};
  for (const key of ['ca', 'cert', 'key'] as const) {
    const file = host.tlsFiles?.[key];
    if (!file) continue;
    try {
      result[key] = readFileSync(file);
    } catch (error) {
      throw new SlipwayError(
        'docker_tls_files_missing',
        `Cannot reach Docker host ${host.url} (from ${host.source}): cannot read ${file}: ${errnoCode(error) ?? errorMessage(error)}`,
        'Check the certificate files (ca.pem, cert.pem, key.pem) and their permissions.',
      );
    }
  }
  return result;
}
