import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextDirName, listContexts } from '../../../../electron/core/docker/docker-config';
import { parseHostUrl, resolveHost } from '../../../../electron/core/docker/resolve-host';
import { isSlipwayError } from '../../../../shared/errors';

let home: string;
beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'swres-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function writeContext(config: string, name: string, host: string, tls = false): void {
  const meta = path.join(config, 'contexts', 'meta', contextDirName(name));
  mkdirSync(meta, { recursive: true });
  writeFileSync(path.join(meta, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
  if (tls) {
    const dir = path.join(config, 'contexts', 'tls', contextDirName(name), 'docker');
    mkdirSync(dir, { recursive: true });
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(path.join(dir, f), 'x');
  }
}

function caught(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('resolveHost', () => {
  it('names contexts by the sha256 of their name, as the Docker CLI does', () => {
    expect(contextDirName('default')).toBe('37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f');
  });

  it('prefers --host over DOCKER_HOST over contexts', () => {
    const config = path.join(home, '.docker');
    writeContext(config, 'remote', 'tcp://10.0.0.5:2375');
    writeFileSync(path.join(config, 'config.json'), JSON.stringify({ currentContext: 'remote' }));
    const env = { HOME: home, DOCKER_HOST: 'unix:///run/a.sock' };
    expect(resolveHost({ host: 'unix:///run/b.sock', env })).toMatchObject({ url: 'unix:///run/b.sock', source: '--host' });
    expect(resolveHost({ env })).toMatchObject({ url: 'unix:///run/a.sock', source: 'DOCKER_HOST' });
    expect(resolveHost({ env: { HOME: home } })).toMatchObject({ url: 'tcp://10.0.0.5:2375', source: 'context remote', context: 'remote' });
    expect(resolveHost({ env: { HOME: home }, context: 'default', platform: 'linux' }).source).toMatch(/^default socket/);
  });

  it('uses DOCKER_CONTEXT over currentContext, and DOCKER_CONFIG over ~/.docker', () => {
    const config = path.join(home, 'cfg');
    writeContext(config, 'a', 'tcp://a:2375');
    writeContext(config, 'b', 'ssh://me@b');
    writeFileSync(path.join(config, 'config.json'), JSON.stringify({ currentContext: 'a' }));
    expect(resolveHost({ env: { HOME: home, DOCKER_CONFIG: config } }).url).toBe('tcp://a:2375');
    expect(resolveHost({ env: { HOME: home, DOCKER_CONFIG: config, DOCKER_CONTEXT: 'b' } })).toMatchObject({ url: 'ssh://me@b', scheme: 'ssh' });
    expect(listContexts({ HOME: home, DOCKER_CONFIG: config }).map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('takes TLS files from the context tls folder', () => {
    const config = path.join(home, '.docker');
    writeContext(config, 'secure', 'tcp://10.0.0.5:2376', true);
    const host = resolveHost({ env: { HOME: home, DOCKER_CONTEXT: 'secure' } });
    expect(host.tls).toBe(true);
    expect(host.tlsVerify).toBe(true);
    expect(host.tlsFiles?.ca).toContain(path.join('contexts', 'tls', contextDirName('secure'), 'docker', 'ca.pem'));
  });

  it('reads DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, defaulting the port to 2376', () => {
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(path.join(home, f), 'x');
    const host = resolveHost({ env: { HOME: home, DOCKER_HOST: 'tcp://example.test', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: home } });
    expect(host).toMatchObject({ url: 'tcp://example.test:2376', tls: true, tlsVerify: true });
    expect(resolveHost({ env: { HOME: home, DOCKER_HOST: 'tcp://example.test' } }).url).toBe('tcp://example.test:2375');
  });

  it('says which TLS file is missing', () => {
    const error = caught(() => resolveHost({ env: { HOME: home, DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: home } }));
    expect(isSlipwayError(error) && error.code).toBe('docker_tls_files_missing');
    expect(error.message).toContain(path.join(home, 'ca.pem'));
  });

  it('says which context does not exist', () => {
    const error = caught(() => resolveHost({ env: { HOME: home, DOCKER_CONTEXT: 'nope' } }));
    expect(isSlipwayError(error) && error.code).toBe('docker_context_not_found');
    expect(error.message).toContain('"nope"');
  });

  it('falls back to the first default socket that exists, else /var/run/docker.sock', () => {
    const fake = path.join(home, '.docker', 'run');
    mkdirSync(fake, { recursive: true });
    writeFileSync(path.join(fake, 'docker.sock'), '');
    const host = resolveHost({ env: { HOME: home, XDG_RUNTIME_DIR: path.join(home, 'run') }, platform: 'darwin' });
    // /var/run/docker.sock comes first when it exists on this machine
    expect([`unix://${path.join(fake, 'docker.sock')}`, 'unix:///var/run/docker.sock']).toContain(host.url);
    expect(resolveHost({ env: {}, platform: 'win32' }).scheme).toBe('npipe');
  });

  it('checks host URLs', () => {
    expect(parseHostUrl('127.0.0.1:2375', 'x').url).toBe('tcp://127.0.0.1:2375');
    expect(parseHostUrl('npipe://', 'x').url).toBe('npipe:////./pipe/docker_engine');
    expect(caught(() => parseHostUrl('ftp://h', 'DOCKER_HOST')).message).toMatch(/unsupported scheme "ftp"/);
    expect(caught(() => parseHostUrl('unix://relative.sock', 'DOCKER_HOST')).message).toMatch(/absolute socket path/);
    expect(caught(() => parseHostUrl('nonsense', '--host')).message).toContain('(from --host)');
  });
});
