import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDocker } from '../../../electron/core/docker/connect';
import { contextDirName } from '../../../electron/core/docker/docker-config';
import { pingHost } from '../../../electron/core/docker/ping-host';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import { runCli } from '../../../electron/cli/run-cli';
import type { HostCandidate, HostStatus } from '../../../shared/contract/host';
import { PassThrough } from 'node:stream';
import { listenPortFromLog, probablyFreePort } from '../../support/processes';
import { startThrowawayEngine, type ThrowawayEngine } from '../../support/throwaway-engine';
import { makeCertificates, type CertSet } from './certificates';
import { countingProxy } from './counting-proxy';

let engine: ThrowawayEngine;
let certs: CertSet;
let foreign: CertSet;
let dir: string;
let tcpUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'swtls-'));
  certs = makeCertificates(path.join(dir, 'good'));
  foreign = makeCertificates(path.join(dir, 'foreign'), 'someone-elses-ca');
  // dockerd picks the port (port 0) and names it in its log: no window for another process.
  engine = await startThrowawayEngine({
    extraArgs: ['-H', 'tcp://127.0.0.1:0', '--tlsverify', '--tlscacert', certs.ca, '--tlscert', certs.serverCert, '--tlskey', certs.serverKey],
  });
  const port = await listenPortFromLog(engine.logFile, /API listen on 127\.0\.0\.1:(\d+)/, 'the TLS dockerd', engine.process);
  tcpUrl = `tcp://127.0.0.1:${port}`;
  writeTlsContext();
});

/** A docker context "team-tls" for the TLS engine, in DIR/docker-config, as `docker context create` writes it. */
function writeTlsContext(): void {
  const config = path.join(dir, 'docker-config');
  const name = 'team-tls';
  const metaDir = path.join(config, 'contexts', 'meta', contextDirName(name));
  const tlsDir = path.join(config, 'contexts', 'tls', contextDirName(name), 'docker');
  mkdirSync(metaDir, { recursive: true });
  mkdirSync(tlsDir, { recursive: true });
  writeFileSync(
    path.join(metaDir, 'meta.json'),
    JSON.stringify({ Name: name, Metadata: { Description: 'TLS engine' }, Endpoints: { docker: { Host: tcpUrl, SkipTLSVerify: false } } }),
  );
  for (const file of ['ca.pem', 'cert.pem', 'key.pem']) copyFileSync(path.join(certs.clientDir, file), path.join(tlsDir, file));
}

afterAll(async () => {
  await engine?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const baseEnv = (extra: Record<string, string>): Record<string, string | undefined> => ({ PATH: process.env.PATH, HOME: dir, ...extra });

async function doctor(env: Record<string, string | undefined>, argv = ['doctor']): Promise<{ code: number; out: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (out += d.toString()));
  const code = await runCli({ argv, env, cwd: dir, stdout, stderr });
  return { code, out };
}

describe('a TLS engine on 127.0.0.1', () => {
  it('is reached through DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', async () => {
    const connection = connectDocker({ env: baseEnv({ DOCKER_HOST: tcpUrl, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs.clientDir }) });
    expect(connection.host).toMatchObject({ url: tcpUrl, source: 'DOCKER_HOST', tls: true, tlsVerify: true });
    const result = await pingHost(connection);
    if (!result.ok) throw result.error;
    expect(result.engine.apiVersion).toMatch(/^1\.\d+$/);
    const containers = await connection.docker.listContainers({ all: true });
    expect(Array.isArray(containers)).toBe(true);
  });

  it('keeps one TLS connection alive for consecutive calls (one handshake, not one per call)', async () => {
    const engineAddress = new URL(tcpUrl.replace(/^tcp:/, 'http:'));
    const proxy = await countingProxy({ port: 0, host: '127.0.0.1' }, { port: Number(engineAddress.port), host: '127.0.0.1' });
    const proxyPort = proxy.port;
    const connection = connectDocker({ env: baseEnv({ DOCKER_HOST: `tcp://127.0.0.1:${proxyPort}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs.clientDir }) });
    try {
      for (let i = 0; i < 10; i++) await connection.docker.listContainers({ all: true });
      expect(proxy.connections()).toBe(1);
    } finally {
      await connection.close();
      await proxy.close();
    }
  });

  it('is reached through a docker context (current context and DOCKER_CONTEXT)', async () => {
    const config = path.join(dir, 'docker-config');
    const name = 'team-tls';
    writeFileSync(path.join(config, 'config.json'), JSON.stringify({ auths: {}, currentContext: name }));

    const viaCurrent = connectDocker({ env: baseEnv({ DOCKER_CONFIG: config }) });
    expect(viaCurrent.host).toMatchObject({ url: tcpUrl, source: `context ${name}`, context: name, tls: true });
    const first = await pingHost(viaCurrent);
    if (!first.ok) throw first.error;

    writeFileSync(path.join(config, 'config.json'), JSON.stringify({ auths: {} }));
    const viaEnv = connectDocker({ env: baseEnv({ DOCKER_CONFIG: config, DOCKER_CONTEXT: name }) });
    expect(viaEnv.host.source).toBe(`context ${name}`);
    const second = await pingHost(viaEnv);
    expect(second.ok).toBe(true);
  });

  it('is listed by host.list and reached after host.switch to the context, events included', async () => {
    const config = path.join(dir, 'docker-config');
    const core = new SlipwayCore({ env: baseEnv({ DOCKER_CONFIG: config, DOCKER_HOST: 'unix:///nonexistent/docker.sock' }) });
    try {
      const list = await core.call('host.list', {});
      if (!list.ok) throw new Error(list.error.message);
      expect((list.value as HostCandidate[]).find((c) => c.name === 'context:team-tls')).toMatchObject({ kind: 'context', url: tcpUrl, state: 'running', current: false });
      const before = await core.call('host.status', {});
      expect(before).toMatchObject({ ok: true, value: { reachable: false, error: { code: 'docker_not_running' } } });
      const changed: unknown[] = [];
      core.events.on('host.changed', (payload) => changed.push(payload));
      const switched = await core.call('host.switch', { name: 'context:team-tls' });
      if (!switched.ok) throw new Error(switched.error.message);
      const status = switched.value as HostStatus;
      expect(status).toMatchObject({ reachable: true, host: { url: tcpUrl, context: 'team-tls', tls: true } });
      expect(status.engine?.cpus).toBeGreaterThan(0);
      expect(changed).toHaveLength(1);
      // the events subscription follows the switch
      const events = await core.engineEvents();
      const docker = core.docker().docker;
      const seen = events.waitFor((e) => e.Type === 'volume' && e.Action === 'create' && e.Actor.ID === 'slipway-tls-probe');
      await docker.createVolume({ Name: 'slipway-tls-probe' });
      await seen;
      await docker.getVolume('slipway-tls-probe').remove();
    } finally {
      await core.dispose();
    }
  });

  it('refuses an engine whose certificate a foreign CA signed, with a TLS message', async () => {
    const connection = connectDocker({ env: baseEnv({ DOCKER_HOST: tcpUrl, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: foreign.clientDir }) });
    const result = await pingHost(connection);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('docker_tls_verify');
    expect(result.error.message).toContain(tcpUrl);
    expect(result.error.message).toMatch(/TLS verification failed/);
    expect(result.error.message).toContain('issued by "slipway-test-ca", but the CA we trust is "someone-elses-ca"');
    expect(result.error.hint).toMatch(/ca\.pem/);
  });

  it('slipway doctor passes over TLS and through the context, and fails with a TLS fix for a foreign CA', async () => {
    const tlsEnv = baseEnv({ DOCKER_HOST: tcpUrl, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs.clientDir });
    const good = await doctor(tlsEnv);
    expect(good.code).toBe(0);
    expect(good.out).toMatch(new RegExp(`✓ Docker engine reachable: Docker .* at ${tcpUrl} \\(DOCKER_HOST\\)`));
    const viaContext = await doctor(baseEnv({ DOCKER_CONFIG: path.join(dir, 'docker-config'), DOCKER_CONTEXT: 'team-tls' }));
    expect(viaContext.out).toMatch(/✓ Docker engine reachable: .*\(context team-tls\)/);
    expect(viaContext.code).toBe(0);
    const bad = await doctor(baseEnv({ DOCKER_HOST: tcpUrl, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: foreign.clientDir }));
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/✗ Docker engine reachable: .*TLS verification failed/);
    expect(bad.out).toMatch(/fix: .*ca\.pem/);
  });

  it('slipway hosts lists the context with its state; host start says a context is not its to start', async () => {
    const env = baseEnv({ DOCKER_CONFIG: path.join(dir, 'docker-config'), DOCKER_CONTEXT: 'team-tls' });
    const listed = await doctor(env, ['hosts', '--json']);
    expect(listed.code).toBe(0);
    const parsed = JSON.parse(listed.out) as { current: HostStatus; hosts: HostCandidate[] };
    expect(parsed.current).toMatchObject({ reachable: true, host: { url: tcpUrl, context: 'team-tls' } });
    expect(parsed.hosts.find((h) => h.name === 'context:team-tls')).toMatchObject({ state: 'running', current: true, url: tcpUrl });
    const table = await doctor(env, ['hosts']);
    expect(table.out).toMatch(new RegExp(`\\* context:team-tls\\s+running\\s+${tcpUrl.replace(/[.]/g, '\\.')}`));
    const start = await doctor(env, ['host', 'start', 'context:team-tls']);
    expect(start.code).toBe(1);
    expect(start.out).toMatch(/cannot start context:team-tls: it is a docker context/);
  });

  it('says when the engine rejects our client certificate', async () => {
    const mixed = path.join(dir, 'mixed');
    mkdirSync(mixed);
    copyFileSync(certs.ca, path.join(mixed, 'ca.pem'));
    copyFileSync(path.join(foreign.clientDir, 'cert.pem'), path.join(mixed, 'cert.pem'));
    copyFileSync(path.join(foreign.clientDir, 'key.pem'), path.join(mixed, 'key.pem'));
    const result = await pingHost(connectDocker({ env: baseEnv({ DOCKER_HOST: tcpUrl, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: mixed }) }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(['docker_tls_rejected', 'docker_connection_reset']).toContain(result.error.code);
    expect(result.error.message).toContain(tcpUrl);
    expect(result.error.hint).toMatch(/client certificate/);
  });

  it('says the port wants TLS when we speak plain HTTP to it', async () => {
    const result = await pingHost(connectDocker({ env: baseEnv({ DOCKER_HOST: tcpUrl }) }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code, result.error.message).toBe('docker_tls_required');
    expect(result.error.hint).toMatch(/DOCKER_TLS_VERIFY=1/);
  });

  it('names the host and the fix when nothing listens', async () => {
    // Must stay closed: nobody here listens on it.
    const port = await probablyFreePort();
    const result = await pingHost(connectDocker({ env: baseEnv({ DOCKER_HOST: `tcp://127.0.0.1:${port}` }) }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('docker_not_running');
    expect(result.error.message).toContain(`tcp://127.0.0.1:${port}`);
    expect(result.error.message).toMatch(/connection refused/);
  });

  it('says the socket does not exist when no engine runs there', async () => {
    const socket = path.join(dir, 'nothing.sock');
    const result = await pingHost(connectDocker({ env: baseEnv({ DOCKER_HOST: `unix://${socket}` }) }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('docker_not_running');
    expect(result.error.message).toContain(socket);
    expect(result.error.hint).toMatch(/systemctl start docker|colima start/);
  });
});
