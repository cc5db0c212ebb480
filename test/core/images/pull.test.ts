import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import type { PullResult } from '../../../shared/contract/images';
import { runCliCaptured } from '../../support/capture-cli';
import { testDocker, testEnv, testRegistry, uniqueProjectName } from '../../support/engine';
import { dockerConfigCores, pushPrivateImage, removeImages, runTask, tempProject } from './images-fixture';

/** The stand-in image pushed to the test registry under a private name, then removed here. */
describe('images.pull and slipway pull with the user’s Docker login', () => {
  const docker = testDocker();
  const registry = testRegistry();
  const name = uniqueProjectName('pull');
  const image = `${registry.address}/${name}/app:1`;
  const unknown = `${registry.address}/${name}/nothing:1`;
  const project = tempProject({
    'compose.yaml': `name: ${name}
services:
  app:
    image: ${image}
  tool:
    image: ${image}
    build: { context: . }
  local:
    build: { context: . }
`,
    Dockerfile: 'FROM busybox:latest\n',
  });
  const { configDir, writeConfig, coreWith, track, disposeAll } = dockerConfigCores(project.dir);
  const binDir = path.join(project.dir, '.bin');
  const basic = (password: string) => Buffer.from(`${registry.username}:${password}`).toString('base64');


  async function present(ref: string): Promise<boolean> {
    return docker.getImage(ref).inspect().then(() => true, () => false);
  }

  beforeAll(async () => {
    await pushPrivateImage(docker, registry, `${registry.address}/${name}/app`, '1');
  });

  afterAll(async () => {
    await disposeAll();
    await removeImages(docker, [image]);
    project.cleanup();
  });

  it('refuses without a login: names the registry and says docker login, and the image stays absent', async () => {
    await removeImages(docker, [image]);
    writeConfig({});
    const core = await coreWith();
    const run = await runTask(core, 'images.pull', { projectId: name, services: ['app'] });
    expect(run.done.ok).toBe(false);
    expect(run.done.error?.code).toBe('pull_denied');
    expect(run.done.error?.message).toBe(`service app: ${registry.address} refused the pull of ${image} — run docker login ${registry.address}`);
    expect(await present(image)).toBe(false);
  });

  it('pulls with the base64 login of auths, with per-layer progress, and the password appears nowhere', async () => {
    await removeImages(docker, [image]);
    writeConfig({ auths: { [registry.address]: { auth: basic(registry.password) } } });
    const core = await coreWith();
    const run = await runTask(core, 'images.pull', { projectId: name, services: ['app'] });
    expect(run.done.error).toBeUndefined();
    expect(await present(image)).toBe(true);
    const result = run.done.result as PullResult;
    expect(result.images).toEqual([{ image, services: ['app'], outcome: 'pulled' }]);
    expect(run.progress.map((p) => p.message)).toContain(`Pulling ${image}`);
    const layers = run.progress.filter((p) => p.subject?.startsWith('app/'));
    expect(layers.length).toBeGreaterThan(0);
    expect(layers.some((p) => /Pull complete|Already exists/.test(p.message))).toBe(true);
    expect(JSON.stringify(run)).not.toContain(registry.password);
    expect(JSON.stringify(run)).not.toContain(basic(registry.password));
  });

  it('pulls with a login a credential helper gives, asked with the registry on stdin', async () => {
    await removeImages(docker, [image]);
    mkdirSync(binDir, { recursive: true });
    const seen = path.join(binDir, 'seen');
    const helper = path.join(binDir, 'docker-credential-slipwaytest');
    writeFileSync(helper, `#!/bin/sh\n[ "$1" = get ] || exit 1\nread server\necho "$server" > '${seen}'\nprintf '{"ServerURL":"%s","Username":"${registry.username}","Secret":"${registry.password}"}' "$server"\n`);
    chmodSync(helper, 0o755);
    writeConfig({ credHelpers: { [registry.address]: 'slipwaytest' } });
    const core = await coreWith({ PATH: `${binDir}:${process.env.PATH ?? ''}` });
    const run = await runTask(core, 'images.pull', { projectId: name, services: ['app'] });
    expect(run.done.error).toBeUndefined();
    expect(await present(image)).toBe(true);
    expect(readFileSync(seen, 'utf8').trim()).toBe(registry.address);
    expect(JSON.stringify(run)).not.toContain(registry.password);
  });

  it('says an unknown image does not exist, and that the service cannot be built instead', async () => {
    writeConfig({ auths: { [registry.address]: { auth: basic(registry.password) } } });
    const ghostName = `${name}g`;
    const ghost = tempProject({ 'compose.yaml': `name: ${ghostName}\nservices:\n  ghost:\n    image: ${unknown}\n` });
    const core = new SlipwayCore({ env: testEnv({ DOCKER_CONFIG: configDir }) });
    track(core);
    await core.projects.openProject({ cwd: ghost.dir });
    const run = await runTask(core, 'images.pull', { projectId: ghostName });
    ghost.cleanup();
    expect(run.done.error?.code).toBe('image_not_found');
    expect(run.done.error?.message).toBe(`service ghost: image ${unknown} does not exist in ${registry.address}`);
    expect(run.done.error?.hint).toBe('Check the image name and tag; ghost has no build: section to build it from.');
  });

  it('slipway pull: skips a service without image:, pulls a shared image once, -q prints nothing, --ignore-buildable leaves tool alone', async () => {
    await removeImages(docker, [image]);
    writeConfig({ auths: { [registry.address]: { auth: basic(registry.password) } } });
    const env = testEnv({ DOCKER_CONFIG: configDir });
    const loud = await runCliCaptured({ argv: ['pull'], env, cwd: project.dir });
    expect(loud.err).toContain(`[app] Pulling ${image}`);
    expect(loud.err).toContain('[local] Skipped: No image to be pulled');
    // app and tool share the image: one pull.
    expect(loud.err.split('\n').filter((l) => l.includes(`Pulling ${image}`))).toHaveLength(1);
    // One line per layer state, not one per byte count.
    const layerLines = loud.err.split('\n').filter((l) => /^\[app\] [0-9a-f]{12}: /.test(l));
    expect(layerLines.length).toBeGreaterThan(0);
    expect(new Set(layerLines).size).toBe(layerLines.length);
    expect(loud.code).toBe(0);

    await removeImages(docker, [image]);
    const quiet = await runCliCaptured({ argv: ['pull', '-q', 'app'], env, cwd: project.dir });
    expect({ code: quiet.code, out: quiet.out, err: quiet.err }).toEqual({ code: 0, out: '', err: '' });
    expect(await present(image)).toBe(true);

    await removeImages(docker, [image]);
    const ignoring = await runCliCaptured({ argv: ['pull', '--ignore-buildable', 'tool'], env, cwd: project.dir });
    expect(ignoring.err).toContain(`[tool] Skipped ${image}: Image can be built`);
    expect(ignoring.code).toBe(0);
    expect(await present(image)).toBe(false);
    for (const run of [loud, quiet, ignoring]) expect(run.out + run.err).not.toContain(registry.password);
  });

  it('slipway pull: a refused pull exits 1 with the docker login line, --ignore-pull-failures exits 0', async () => {
    writeConfig({ auths: { [registry.address]: { auth: basic('wrong-password') } } });
    const env = testEnv({ DOCKER_CONFIG: configDir });
    const refused = await runCliCaptured({ argv: ['pull', 'app'], env, cwd: project.dir });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`slipway: service app: ${registry.address} refused the pull of ${image} — run docker login ${registry.address}`);
    expect(refused.err).not.toMatch(/\n\s+at /);
    const ignored = await runCliCaptured({ argv: ['pull', '--ignore-pull-failures', 'app'], env, cwd: project.dir });
    expect(ignored.code).toBe(0);
    expect(ignored.err).toContain(`warning: service app: ${registry.address} refused the pull`);
    expect(refused.err + ignored.err).not.toContain('wrong-password');
  });

  it('--policy missing skips a present tagged image; the file\'s pull_policy without --policy pulls it', async () => {
    writeConfig({ auths: { [registry.address]: { auth: basic(registry.password) } } });
    const core = await coreWith();
    await runTask(core, 'images.pull', { projectId: name, services: ['app'] });
    const skipped = await runTask(core, 'images.pull', { projectId: name, services: ['app'], policy: 'missing' });
    expect((skipped.done.result as PullResult).images).toEqual([{ image, services: ['app'], outcome: 'skipped', reason: 'Image is already present locally' }]);
    const again = await runTask(core, 'images.pull', { projectId: name, services: ['app'] });
    expect((again.done.result as PullResult).images[0]?.outcome).toBe('pulled');
  });
});
