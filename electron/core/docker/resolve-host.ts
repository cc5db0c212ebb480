import { existsSync } from 'node:fs';
import path from 'node:path';
import { SlipwayError } from '../../../shared/errors';
import { currentContextName, dockerConfigDir, readContext } from './docker-config';
import { defaultSocketCandidates } from './default-sockets';

type Env = Record<string, string | undefined>;

export type HostScheme = 'unix' | 'tcp' | 'ssh' | 'npipe';

/** Where the engine is and how we reached it. */
export interface ResolvedHost {
  /** As the user would write it: unix:///var/run/docker.sock, tcp://127.0.0.1:2376, ssh://u@h. */
  url: string;
  /** Which rule chose it: --host, DOCKER_HOST, context NAME, default socket. */
  source: string;
  tls: boolean;
  scheme?: HostScheme;
  /** The docker context it came from, when it did. */
  context?: string;
  /** TLS: verify the engine's certificate against the CA (false: encrypted only). */
  tlsVerify?: boolean;
  /** TLS: the PEM files used (ca, client cert and key). */
  tlsFiles?: { ca?: string; cert?: string; key?: string };
}

export interface ResolveOptions {
  /** `--host` / `-H`. */
  host?: string;
  /** `--context`. */
  context?: string;
  env?: Env;
  platform?: NodeJS.Platform;
}

/**
 * The Docker CLI's order: --host, --context, DOCKER_HOST (with DOCKER_TLS_VERIFY and
 * DOCKER_CERT_PATH), DOCKER_CONTEXT, config.json's currentContext, then the default socket
 * (the first of the usual sockets that exists; /var/run/docker.sock when none does).
 */
export function resolveHost(options: ResolveOptions = {}): ResolvedHost {
  const env = options.env ?? process.env;
  if (options.host) return fromUrl(options.host, '--host', env);
  if (options.context) return fromContext(options.context, '--context', env);
  if (env.DOCKER_HOST) return fromUrl(env.DOCKER_HOST, 'DOCKER_HOST', env);
  if (env.DOCKER_CONTEXT) return fromContext(env.DOCKER_CONTEXT, 'DOCKER_CONTEXT', env);
  const current = currentContextName(env);
  if (current && current !== 'default') return fromContext(current, 'current context', env);
  return defaultHost(env, options.platform ?? process.platform);
}

function defaultHost(env: Env, platform: NodeJS.Platform): ResolvedHost {
  if (platform === 'win32') return { url: 'npipe:////./pipe/docker_engine', source: 'default pipe', tls: false, scheme: 'npipe' };
  const candidates = defaultSocketCandidates(env, platform);
  const found = candidates.find((c) => existsSync(c.path));
  const socket = found?.path ?? '/var/run/docker.sock';
  return { url: `unix://${socket}`, source: found ? `default socket (${found.label})` : 'default socket', tls: false, scheme: 'unix' };
}

function fromContext(name: string, via: string, env: Env): ResolvedHost {
  if (name === 'default') {
    // the default context is DOCKER_HOST or the default socket
    return env.DOCKER_HOST ? fromUrl(env.DOCKER_HOST, 'DOCKER_HOST', env) : defaultHost(env, process.platform);
  }
  const context = readContext(env, name);
  if (!context.host) {
    throw new SlipwayError(
      'docker_context_invalid',
      `Docker context "${name}" (from ${via}) has no docker endpoint host (${context.metaFile})`,
      `Recreate it: docker context create ${name} --docker host=tcp://HOST:2376,ca=...,cert=...,key=...`,
    );
  }
  const source = `context ${name}`;
  const host = parseHostUrl(context.host, source);
  const resolved: ResolvedHost = { ...host, source, context: name };
  if (host.scheme === 'tcp') resolved.url = withDefaultPort(host.url, context.tls || host.tls ? 2376 : 2375);
  if (host.scheme === 'tcp' && context.tls) {
    resolved.tls = true;
    resolved.tlsVerify = !context.skipTlsVerify;
    resolved.tlsFiles = context.tls;
  }
  return resolved;
}

function fromUrl(url: string, source: string, env: Env): ResolvedHost {
  const host = parseHostUrl(url, source);
  if (host.scheme !== 'tcp') return host;
  if (host.tls) return { ...host, url: withDefaultPort(host.url, 2376) };
  const verify = env.DOCKER_TLS_VERIFY !== undefined && env.DOCKER_TLS_VERIFY !== '' && env.DOCKER_TLS_VERIFY !== '0';
  const tlsOnly = env.DOCKER_TLS !== undefined && env.DOCKER_TLS !== '' && env.DOCKER_TLS !== '0';
  if (!verify && !tlsOnly) return { ...host, url: withDefaultPort(host.url, 2375) };
  const certPath = env.DOCKER_CERT_PATH || dockerConfigDir(env);
  const files = { ca: path.join(certPath, 'ca.pem'), cert: path.join(certPath, 'cert.pem'), key: path.join(certPath, 'key.pem') };
  for (const file of verify ? [files.ca, files.cert, files.key] : []) {
    if (!existsSync(file)) {
      throw new SlipwayError(
        'docker_tls_files_missing',
        `Cannot reach Docker host ${host.url} (from ${source}) with TLS: ${file} does not exist`,
        `Put ca.pem, cert.pem and key.pem in ${certPath}, or set DOCKER_CERT_PATH to the folder that has them.`,
      );
    }
  }
  const tlsFiles: NonNullable<ResolvedHost['tlsFiles']> = {};
  for (const key of ['ca', 'cert', 'key'] as const) if (existsSync(files[key])) tlsFiles[key] = files[key];
  return { ...host, tls: true, tlsVerify: verify, tlsFiles, url: withDefaultPort(host.url, 2376) };
}

/** Checks a host URL's scheme and shape (the default tcp port is added by the caller, which knows about TLS). */
export function parseHostUrl(raw: string, source: string): ResolvedHost & { scheme: HostScheme } {
  const url = raw.trim();
  const bad = (why: string): SlipwayError =>
    new SlipwayError('docker_host_invalid', `Docker host "${raw}" (from ${source}) ${why}`, 'Write it as unix:///PATH, tcp://HOST:PORT, ssh://USER@HOST or npipe:////./pipe/NAME.');
  const match = /^([a-z]+):\/\/(.*)$/.exec(url);
  if (!match) {
    // the CLI accepts a bare host:port as tcp
    if (/^[\w.-]+:\d+$/.test(url)) return { url: `tcp://${url}`, source, tls: false, scheme: 'tcp' };
    throw bad('has no scheme');
  }
  const scheme = match[1] ?? '';
  const rest = match[2] ?? '';
  switch (scheme) {
    case 'unix':
      if (!rest.startsWith('/')) throw bad('needs an absolute socket path (unix:///var/run/docker.sock)');
      return { url, source, tls: false, scheme: 'unix' };
    case 'npipe':
      return { url: rest ? url : 'npipe:////./pipe/docker_engine', source, tls: false, scheme: 'npipe' };
    case 'tcp':
    case 'http':
    case 'https': {
      if (!rest) throw bad('has no address');
      try {
        const parsed = new URL(`http://${rest}`);
        if (!parsed.hostname) throw new Error('no host');
      } catch {
        throw bad('is not a valid address');
      }
      const tcpUrl = `tcp://${rest.replace(/\/$/, '')}`;
      return scheme === 'https'
        ? { url: withDefaultPort(tcpUrl, 2376), source, tls: true, tlsVerify: true, scheme: 'tcp' }
        : { url: tcpUrl, source, tls: false, scheme: 'tcp' };
    }
    case 'ssh':
      try {
        if (!new URL(url).hostname) throw new Error('no host');
      } catch {
        throw bad('is not a valid ssh address (ssh://USER@HOST[:PORT])');
      }
      return { url, source, tls: false, scheme: 'ssh' };
    default:
      throw bad(`has an unsupported scheme "${scheme}"`);
  }
}

function withDefaultPort(url: string, port: number): string {
  const parsed = new URL(url.replace(/^tcp:/, 'http:'));
  if (parsed.port) return url;
  const hostPart = parsed.hostname.includes(':') && !parsed.hostname.startsWith('[') ? `[${parsed.hostname}]` : parsed.hostname;
  return `tcp://${hostPart}:${port}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}
