import { SlipwayError } from '../../../shared/errors';
import type { DockerConnection } from './connect';
import { diagnoseConnectionError } from './diagnose';
import { describeCaMismatch } from './tls-peer';
import type { ResolvedHost } from './resolve-host';

export interface EngineFacts {
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
  /** From /info when it answers. */
  name?: string;
  cpus?: number;
  memoryBytes?: number;
  dataRoot?: string;
  operatingSystem?: string;
  /** Engine clock minus ours, in ms (from /info SystemTime). */
  clockSkewMs?: number;
}

export type PingResult =
  | {
      ok: true;
      host: ResolvedHost;
      engine: EngineFacts;
      /** Until /version answered, dialling included (an ssh handshake, a TLS handshake). */
      latencyMs: number;
      /** One round trip on the open connection (GET /_ping): what every further call costs. */
      rttMs?: number;
    } | { ok: false; host: ResolvedHost; error: SlipwayError };

/** Asks the engine for its version and info within timeoutMs; failures are diagnosed, never thrown. */
export async function pingHost(connection: DockerConnection, timeoutMs = 10_000): Promise<PingResult> {
  const started = Date.now();
  const { docker, host } = connection;
  let timer: NodeJS.Timeout | undefined;
  // aborting destroys the request, and with it an ssh child that still waits for an answer
  const controller = new AbortController();
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'timeout' }));
    }, timeoutMs);
  });
  timeout.catch(() => undefined);
  const abortSignal = controller.signal;
  try {
    const version = await Promise.race([engineGet(docker, '/version', abortSignal), timeout]);
    const latencyMs = Date.now() - started;
    const engine: EngineFacts = {
      version: String(version.Version ?? ''),
      apiVersion: String(version.ApiVersion ?? ''),
      os: String(version.Os ?? ''),
      arch: String(version.Arch ?? ''),
    };
    try {
      const before = Date.now();
      const info = await Promise.race([engineGet(docker, '/info', abortSignal), timeout]);
      const mid = (before + Date.now()) / 2;
      if (typeof info.Name === 'string') engine.name = info.Name;
      if (typeof info.NCPU === 'number') engine.cpus = info.NCPU;
      if (typeof info.MemTotal === 'number') engine.memoryBytes = info.MemTotal;
      if (typeof info.DockerRootDir === 'string') engine.dataRoot = info.DockerRootDir;
      if (typeof info.OperatingSystem === 'string') engine.operatingSystem = info.OperatingSystem;
      if (typeof info.SystemTime === 'string') {
        const engineTime = Date.parse(info.SystemTime);
        if (!Number.isNaN(engineTime)) engine.clockSkewMs = engineTime - mid;
      }
    } catch {
      // version answered: the engine is reachable even if info fails
    }
    const result: PingResult = { ok: true, host, engine, latencyMs };
    try {
      const before = performance.now();
      await Promise.race([engineGet(docker, '/_ping', abortSignal), timeout]);
      result.rttMs = Math.round((performance.now() - before) * 10) / 10;
    } catch {
      // an engine without /_ping still answered /version
    }
    return result;
  } catch (error) {
    const diagnosed = diagnoseConnectionError(host, error);
    if (diagnosed.code === 'docker_tls_verify') {
      const note = await describeCaMismatch(host).catch(() => undefined);
      if (note) return { ok: false, host, error: new SlipwayError(diagnosed.code, `${diagnosed.message}: ${note}`, diagnosed.hint) };
    }
    return { ok: false, host, error: diagnosed };
  } finally {
    clearTimeout(timer);
  }
}

/** One ping over a connection made for it, closed after (its ssh children and kept-alive sockets with it). */
export async function pingOnce(connection: DockerConnection, timeoutMs: number): Promise<PingResult> {
  try {
    return await pingHost(connection, timeoutMs);
  } finally {
    void connection.close().catch(() => undefined);
  }
}

/**
 * GET /version or /info, cancellable: the request dockerode's version() and info() make
 * (they pass a signal through, but their typings take no options), through its modem.
 */
function engineGet(docker: DockerConnection['docker'], path: '/version' | '/info' | '/_ping', abortSignal: AbortSignal): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    docker.modem.dial({ path, method: 'GET', abortSignal, statusCodes: { 200: true, 500: 'server error' } }, (error, data) => {
      if (error) reject(error);
      else resolve(isRecord(data) ? data : {});
    });
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
