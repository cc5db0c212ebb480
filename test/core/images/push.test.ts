import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ServiceImage } from '../../../shared/contract/images';
import { testDocker, testRegistry, uniqueProjectName } from '../../support/engine';
import { dockerConfigCores, gitInitCommit, removeRepositories, runTask, tempProject } from './images-fixture';

describe('images.push to a registry that needs a login', () => {
  const docker = testDocker();
  const registry = testRegistry();
  const name = uniqueProjectName('imgpush');
  const repository = `${registry.address}/${name}/app`;
  const project = tempProject({
    'compose.yaml': `name: ${name}
services:
  app:
    image: ${repository}:latest
    build:
      context: .
      args:
        VERSION: "1.2.3"
`,
    Dockerfile: 'FROM busybox:latest\nARG VERSION\nLABEL version=$VERSION\nCOPY app.txt /app.txt\n',
    'app.txt': 'app\n',
  });
  const { writeConfig, coreWith, disposeAll } = dockerConfigCores(project.dir);
  const binDir = path.join(project.dir, '.bin');
  let commit = '';


  async function registryTags(): Promise<string[]> {
    const auth = Buffer.from(`${registry.username}:${registry.password}`).toString('base64');
    const res = await fetch(`http://${registry.address}/v2/${name}/app/tags/list`, { headers: { Authorization: `Basic ${auth}` } });
    if (res.status === 404) return [];
    const body = (await res.json()) as { tags?: string[] | null };
    return (body.tags ?? []).sort();
  }

  beforeAll(async () => {
    writeFileSync(path.join(project.dir, '.gitignore'), '.docker-config/\n.bin/\n');
    commit = gitInitCommit(project.dir);
    const core = await coreWith();
    const run = await runTask(core, 'images.build', { projectId: name });
    if (!run.done.ok) throw new Error(`build failed: ${run.done.error?.message}`);
  });

  afterAll(async () => {
    await disposeAll();
    await removeRepositories(docker, [repository]);
    project.cleanup();
  });

  it('refuses a wrong password with the docker login hint, and pushes nothing', async () => {
    writeConfig({ auths: { [registry.address]: { auth: Buffer.from(`${registry.username}:wrong-password`).toString('base64') } } });
    const core = await coreWith();
    const run = await runTask(core, 'images.push', { projectId: name });
    expect(run.done.ok).toBe(false);
    expect(run.done.error?.message).toBe(`authentication required for ${registry.address} — run docker login ${registry.address}`);
    expect(run.done.error?.code).toBe('auth_required');
    expect(JSON.stringify(run)).not.toContain('wrong-password');
    expect(await registryTags()).toEqual([]);
  });

  it('refuses when no login is stored at all', async () => {
    writeConfig({});
    const core = await coreWith();
    const run = await runTask(core, 'images.push', { projectId: name });
    expect(run.done.error?.message).toBe(`authentication required for ${registry.address} — run docker login ${registry.address}`);
  });

  it('pushes the image tag and the commit tag with the stored login, with per-layer progress', async () => {
    writeConfig({ auths: { [registry.address]: { auth: Buffer.from(`${registry.username}:${registry.password}`).toString('base64') } } });
    const core = await coreWith();
    const run = await runTask(core, 'images.push', { projectId: name });
    expect(run.done.error).toBeUndefined();
    const result = run.done.result as { images: Array<{ pushed: Array<{ tag: string; digest?: string }> }> };
    expect(result.images[0]?.pushed.map((p) => p.tag)).toEqual([`${repository}:latest`, `${repository}:${commit}`]);
    expect(result.images[0]?.pushed[0]?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await registryTags()).toEqual([commit, 'latest'].sort());
    const layers = run.progress.filter((p) => p.subject?.startsWith('app/'));
    expect(layers.length).toBeGreaterThan(0);
    expect(layers.some((p) => /Pushed|Layer already exists/.test(p.message))).toBe(true);
    expect(JSON.stringify(run)).not.toContain(registry.password);

    const list = await core.call('images.list', { projectId: name });
    expect(list.ok).toBe(true);
    if (list.ok) {
      const app = (list.value as ServiceImage[]).find((s) => s.service === 'app');
      expect(app?.pushed.map((p) => p.tag).sort()).toEqual([`${repository}:${commit}`, `${repository}:latest`]);
      expect(app?.commitTag).toBe(`${repository}:${commit}`);
    }
  });

  it('gets the login from a credential helper, given the registry on stdin', async () => {
    mkdirSync(binDir, { recursive: true });
    const seen = path.join(project.dir, '.bin', 'seen');
    const helper = path.join(binDir, 'docker-credential-swtest');
    writeFileSync(
      helper,
      `#!/bin/sh\n[ "$1" = get ] || exit 1\nread server\necho "$server" > '${seen}'\nprintf '{"ServerURL":"%s","Username":"${registry.username}","Secret":"${registry.password}"}' "$server"\n`,
    );
    chmodSync(helper, 0o755);
    writeConfig({ credHelpers: { [registry.address]: 'swtest' }, auths: { [registry.address]: { auth: Buffer.from('x:wrong').toString('base64') } } });
    const core = await coreWith({ PATH: `${binDir}:${process.env.PATH ?? ''}` });
    const run = await runTask(core, 'images.push', { projectId: name, services: ['app'] });
    expect(run.done.error).toBeUndefined();
    expect(run.done.ok).toBe(true);
    expect(readFileSync(seen, 'utf8').trim()).toBe(registry.address);
  });

  it('says which helper is missing when credsStore names one that is not installed', async () => {
    writeConfig({ credsStore: 'sw-not-installed' });
    const core = await coreWith();
    const run = await runTask(core, 'images.push', { projectId: name });
    expect(run.done.ok).toBe(false);
    expect(run.done.error?.message).toContain('docker-credential-sw-not-installed');
    expect(run.done.error?.message).toContain('is not on PATH');
  });
});
