import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveCredentials } from '../../../../electron/core/images/credentials';
import { tagsConfig } from '../../../../electron/core/images/slipway-config';
import type { Project } from '../../../../shared/model/project';

describe('registry credentials from the Docker client config', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function config(value: unknown): Record<string, string | undefined> {
    dir = mkdtempSync(path.join(os.tmpdir(), 'swcred-'));
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify(value));
    return { DOCKER_CONFIG: dir, PATH: `${dir}:${process.env.PATH ?? ''}` };
  }

  it('decodes a base64 auths entry, also under a legacy https:// key', async () => {
    const auth = Buffer.from('me:se:cret').toString('base64');
    expect(await resolveCredentials('reg.example:5000', config({ auths: { 'reg.example:5000': { auth } } }))).toEqual({ serveraddress: 'reg.example:5000', username: 'me', password: 'se:cret' });
    rmSync(dir, { recursive: true, force: true });
    expect(await resolveCredentials('reg.example:5000', config({ auths: { 'https://reg.example:5000/v1/': { auth } } }))).toMatchObject({ username: 'me' });
  });

  it('uses the Docker Hub key for docker.io and nothing for an unknown registry', async () => {
    const env = config({ auths: { 'https://index.docker.io/v1/': { auth: Buffer.from('hub:pw').toString('base64') } } });
    expect(await resolveCredentials('docker.io', env)).toMatchObject({ username: 'hub', serveraddress: 'https://index.docker.io/v1/' });
    expect(await resolveCredentials('other.example', env)).toBeUndefined();
  });

  it('asks the credential helper, which wins over auths; "<token>" is an identity token', async () => {
    const env = config({ credHelpers: { 'reg.example': 'swunit' }, auths: { 'reg.example': { auth: Buffer.from('file:pw').toString('base64') } } });
    const helper = path.join(dir, 'docker-credential-swunit');
    writeFileSync(helper, '#!/bin/sh\nread server\nprintf \'{"ServerURL":"%s","Username":"<token>","Secret":"tok-123"}\' "$server"\n');
    chmodSync(helper, 0o755);
    expect(await resolveCredentials('reg.example', env)).toEqual({ serveraddress: 'reg.example', identitytoken: 'tok-123' });
  });

  it('treats "credentials not found" as no login, and a broken config as a clear error', async () => {
    const env = config({ credsStore: 'swnone' });
    const helper = path.join(dir, 'docker-credential-swnone');
    writeFileSync(helper, '#!/bin/sh\necho "credentials not found in native keychain"\nexit 1\n');
    chmodSync(helper, 0o755);
    expect(await resolveCredentials('reg.example', env)).toBeUndefined();
    writeFileSync(path.join(dir, 'config.json'), '{ nope');
    await expect(resolveCredentials('reg.example', env)).rejects.toThrow(/Cannot read the Docker CLI configuration/);
  });
});

describe('x-slipway tags', () => {
  const project = (block: unknown): Project => ({
    name: 'p',
    workingDir: '/p',
    configFiles: ['/p/compose.yaml'],
    profiles: [],
    model: { name: 'p', services: {}, 'x-slipway': block },
    disabledServices: {},
    warnings: [],
  });

  it('defaults to a commit tag with -dirty', () => {
    expect(tagsConfig(project(undefined))).toEqual({ commit: true, dirty_suffix: '-dirty' });
    expect(tagsConfig(project({ watch: {} }))).toEqual({ commit: true, dirty_suffix: '-dirty' });
  });

  it('takes commit and dirty_suffix, and names a wrong key with the file', () => {
    expect(tagsConfig(project({ tags: { commit: false, dirty_suffix: '' } }))).toEqual({ commit: false, dirty_suffix: '' });
    expect(() => tagsConfig(project({ tags: { dirty_suffix: ' bad' } }))).toThrow(/x-slipway\.tags\.dirty_suffix in \/p\/compose\.yaml/);
    expect(() => tagsConfig(project({ tags: { comit: true } }))).toThrow(/x-slipway\.tags/);
  });
});
