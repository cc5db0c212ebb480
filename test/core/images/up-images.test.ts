import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import { recreateService } from '../../../electron/core/stack';
import type { TaskProgress } from '../../../shared/contract/tasks';
import { runCliCaptured } from '../../support/capture-cli';
import { removeProjectResources, testDocker, testEnv, testRegistry, uniqueProjectName } from '../../support/engine';
import { pullWithLogin, pushPrivateImage, removeRepositories, runTask, tempProject } from './images-fixture';

const sleeper = '    init: true\n    command: ["sleep", "300"]\n    network_mode: none\n';

/** The builds a task ran, from its progress events: one `building TAGS` line per image built (not the builder's `building with …`). */
const builds = (progress: Array<Pick<TaskProgress, 'message' | 'subject' | 'build'>>) => progress.filter((p) => p.message.startsWith('building ') && p.build === undefined).map((p) => p.subject);
const pulling = (progress: TaskProgress[]) => progress.filter((p) => p.stack?.kind === 'Image' && p.stack.status === 'Pulling').map((p) => p.stack?.name);

describe('up pulls with the user’s login and builds what is missing, as Compose', () => {
  const docker = testDocker();
  const registry = testRegistry();
  const name = uniqueProjectName('upimg');
  const repo = `${registry.address}/${name}`;
  const app = `${repo}/app:1`;
  const shared = `${repo}/shared:dev`;
  const project = tempProject({
    'compose.yaml': `name: ${name}
services:
  app:
    image: ${app}
${sleeper}  one:
    image: ${shared}
    build: { context: . }
${sleeper}  two:
    image: ${shared}
${sleeper}  three:
    image: ${shared}
    build: { context: . }
${sleeper}  local:
    build: { context: ., dockerfile: Dockerfile.local }
${sleeper}`,
    Dockerfile: 'FROM busybox:latest\nCOPY shared.txt /shared.txt\n',
    'Dockerfile.local': 'FROM busybox:latest\nCOPY local.txt /local.txt\n',
    'shared.txt': 'shared\n',
    'local.txt': 'local\n',
  });
  const configDir = path.join(project.dir, '.docker-config');
  const cores: SlipwayCore[] = [];
  const projects: string[] = [name];

  async function coreFor(dir: string): Promise<SlipwayCore> {
    const core = new SlipwayCore({ env: testEnv({ DOCKER_CONFIG: configDir }) });
    cores.push(core);
    await core.projects.openProject({ cwd: dir });
    return core;
  }

  /** A second project in a folder of its own (the main one's folder holds the Dockerfiles). */
  function sideProject(suffix: string, services: string): { name: string; dir: string } {
    const side = `${name}${suffix}`;
    projects.push(side);
    const dir = path.join(project.dir, suffix);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'compose.yaml'), `name: ${side}\nservices:\n${services}`);
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM busybox:latest\nCOPY compose.yaml /compose.yaml\n');
    return { name: side, dir };
  }

  beforeAll(async () => {
    mkdirSync(configDir, { recursive: true });
    writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ auths: { [registry.address]: { auth: Buffer.from(`${registry.username}:${registry.password}`).toString('base64') } } }));
    // The registry-only image: the stand-in pushed under a private name, not kept here.
    await pushPrivateImage(docker, registry, `${repo}/app`, '1');
  });

  afterAll(async () => {
    await Promise.all(cores.map((c) => c.dispose()));
    for (const p of projects) await removeProjectResources(docker, p);
    await removeRepositories(docker, [`${repo}/app`, `${repo}/cli`, `${repo}/quiet`, `${repo}/shared`, `${name}-local`, ...projects.map((p) => `${p}-b`), `${name}cli-c`]);
    project.cleanup();
  });

  it('up --wait with only a docker login: pulls the registry image, builds the image three services share once and the build-only one, starts all', async () => {
    const core = await coreFor(project.dir);
    const run = await runTask(core, 'stack.up', { projectId: name, wait: true });
    expect(run.done.error).toBeUndefined();
    expect(run.done.ok).toBe(true);
    // The shared image is tried in the registry first (as Compose), is not there, and is built once.
    expect(pulling(run.progress).sort()).toEqual([app, shared].sort());
    expect(builds(run.progress).sort()).toEqual(['local', 'one']);
    // In parallel: both builds start before either ends.
    const messages = run.progress.map((p) => p.message);
    expect(messages.findLastIndex((m) => /^building (?!with )/.test(m))).toBeLessThan(messages.findIndex((m) => m.startsWith('built ')));
    expect(run.progress.some((p) => p.subject?.startsWith('app/') && /Pull complete|Already exists/.test(p.message))).toBe(true);
    const running = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${name}`] } });
    expect(running.map((c) => c.Labels['com.docker.compose.service']).sort()).toEqual(['app', 'local', 'one', 'three', 'two']);
    expect(JSON.stringify(run)).not.toContain(registry.password);

    // Everything is there now: a second up pulls and builds nothing.
    const again = await runTask(core, 'stack.up', { projectId: name, wait: true });
    expect(pulling(again.progress)).toEqual([]);
    expect(builds(again.progress)).toEqual([]);
    // --pull always asks the registry again for every image with image: (the shared one is not
    // there, and is kept as built); nothing is built.
    const refreshed = await runTask(core, 'stack.up', { projectId: name, wait: true, pull: 'always' });
    expect(refreshed.done.error).toBeUndefined();
    expect(pulling(refreshed.progress).sort()).toEqual([app, shared].sort());
    expect(builds(refreshed.progress)).toEqual([]);
    // --build builds every service with build:, the shared image still once.
    const forced = await runTask(core, 'stack.up', { projectId: name, wait: true, build: true });
    expect(builds(forced.progress).sort()).toEqual(['local', 'one']);
    expect(pulling(forced.progress)).toEqual([]);
  });

  it('slipway up --wait from the CLI: pulls with the login, builds, starts; COMPOSE_PARALLEL_LIMIT=1 builds one at a time; --quiet-pull', async () => {
    // Images of their own, so the engine downloads (and reports) a layer of each.
    await pushPrivateImage(docker, registry, `${repo}/cli`, '1');
    await pushPrivateImage(docker, registry, `${repo}/quiet`, '1');
    const side = sideProject('cli', `  app:\n    image: ${repo}/cli:1\n${sleeper}  b:\n    build: { context: . }\n${sleeper}  c:\n    build: { context: ., dockerfile: Dockerfile }\n    image: ${name}cli-c\n${sleeper}`);
    const result = await runCliCaptured({ argv: ['up', '--wait'], env: testEnv({ DOCKER_CONFIG: configDir, COMPOSE_PARALLEL_LIMIT: '1' }), cwd: side.dir });
    expect(result.err).toContain(` Image ${repo}/cli:1  Pulling`);
    expect(result.err).toContain(` Image ${repo}/cli:1  Pulled`);
    const layerLine = /^\[app\] [0-9a-f]{12}: /m;
    expect(result.err).toMatch(layerLine);
    const lines = result.err.split('\n');
    const starts = lines.map((l, i) => (/^\[[bc]\] building (?!with )/.test(l) ? i : -1)).filter((i) => i >= 0);
    const ends = lines.map((l, i) => (/^\[[bc]\] built /.test(l) ? i : -1)).filter((i) => i >= 0);
    expect(starts).toHaveLength(2);
    expect(ends[0]).toBeLessThan(starts[1] ?? -1);
    expect(result.code).toBe(0);
    expect(result.out + result.err).not.toContain(registry.password);
    const running = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${side.name}`] } });
    expect(running.map((c) => c.Labels['com.docker.compose.service']).sort()).toEqual(['app', 'b', 'c']);

    // --quiet-pull: the pull is still announced, its layers are not.
    const quietSide = sideProject('quiet', `  app:\n    image: ${repo}/quiet:1\n${sleeper}`);
    const quiet = await runCliCaptured({ argv: ['up', '--wait', '--quiet-pull'], env: testEnv({ DOCKER_CONFIG: configDir }), cwd: quietSide.dir });
    expect(quiet.code).toBe(0);
    expect(quiet.err).toContain(` Image ${repo}/quiet:1  Pulled`);
    expect(quiet.err).not.toMatch(layerLine);
  });

  it('up without a login stops at the refused pull, naming the registry and docker login, having made nothing', async () => {
    // On the default network: a network made before the pull failed would be left behind.
    const side = sideProject('nologin', `  app:\n    image: ${repo}/app:1\n    pull_policy: always\n    init: true\n    command: ["sleep", "300"]\n`);
    const emptyConfig = path.join(side.dir, 'no-login');
    mkdirSync(emptyConfig, { recursive: true });
    const result = await runCliCaptured({ argv: ['up', '-d'], env: testEnv({ DOCKER_CONFIG: emptyConfig }), cwd: side.dir });
    expect(result.code).toBe(1);
    expect(result.err).toContain(`slipway: service app: ${registry.address} refused the pull of ${app} — run docker login ${registry.address}`);
    expect(await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${side.name}`] } })).toEqual([]);
    expect(await docker.listNetworks({ filters: { label: [`com.docker.compose.project=${side.name}`] } })).toEqual([]);
  });

  it('up --no-build refuses a missing image to build, naming the service and the image', async () => {
    const side = sideProject('nobuild', `  b:\n    build: { context: . }\n${sleeper}`);
    const result = await runCliCaptured({ argv: ['up', '-d', '--no-build'], env: testEnv({ DOCKER_CONFIG: configDir }), cwd: side.dir });
    expect(result.code).toBe(1);
    expect(result.err).toContain(`slipway: Image ${side.name}-b for service b is not built, and --no-build was given`);
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(await docker.getImage(`${side.name}-b`).inspect().then(() => true, () => false)).toBe(false);
    const both = await runCliCaptured({ argv: ['up', '-d', '--build', '--no-build'], env: testEnv({ DOCKER_CONFIG: configDir }), cwd: side.dir });
    expect(both.err).toContain('up: --build and --no-build are incompatible');
  });

  it('pull_policy never refuses a missing image without trying the registry; always pulls a present one', async () => {
    const never = sideProject('never', `  n:\n    image: ${repo}/never:1\n    pull_policy: never\n${sleeper}`);
    const core = await coreFor(never.dir);
    const refused = await runTask(core, 'stack.up', { projectId: never.name });
    expect(refused.done.error?.message).toBe(`Image ${repo}/never:1 for service n is not present and pull_policy is "never"`);
    expect(pulling(refused.progress)).toEqual([]);

    const always = sideProject('always', `  a:\n    image: ${app}\n    pull_policy: always\n${sleeper}`);
    const alwaysCore = await coreFor(always.dir);
    const first = await runTask(alwaysCore, 'stack.up', { projectId: always.name, wait: true });
    expect(first.done.error).toBeUndefined();
    const second = await runTask(alwaysCore, 'stack.up', { projectId: always.name, wait: true });
    expect(pulling(second.progress)).toEqual([app]);
  });

  it('pull_policy build builds on every up; every_<duration> pulls only once the image is older than that', async () => {
    const build = sideProject('build', `  b:\n    build: { context: . }\n    pull_policy: build\n${sleeper}`);
    const core = await coreFor(build.dir);
    for (let i = 0; i < 2; i++) {
      const run = await runTask(core, 'stack.up', { projectId: build.name, wait: true });
      expect(run.done.error).toBeUndefined();
      expect(builds(run.progress)).toEqual(['b']);
    }
    // Watch's rebuild recreates from the image it has just built: no second build.
    const recreating: Array<Pick<TaskProgress, 'message' | 'subject' | 'build'>> = [];
    await recreateService(core, core.projects.get(build.name), 'b', { onImageProgress: (p) => recreating.push(p) });
    expect(builds(recreating)).toEqual([]);

    // Tagging the image now makes it fresh: a week's window has not passed, a millisecond's has.
    await pullWithLogin(docker, registry, app);
    await docker.getImage(app).tag({ repo: `${repo}/app`, tag: '1' });
    const weekly = sideProject('weekly', `  w:\n    image: ${app}\n    pull_policy: every_1w\n${sleeper}`);
    const weeklyRun = await runTask(await coreFor(weekly.dir), 'stack.up', { projectId: weekly.name, wait: true });
    expect(weeklyRun.done.error).toBeUndefined();
    expect(pulling(weeklyRun.progress)).toEqual([]);
    const soon = sideProject('soon', `  s:\n    image: ${app}\n    pull_policy: every_1ms\n${sleeper}`);
    const soonRun = await runTask(await coreFor(soon.dir), 'stack.up', { projectId: soon.name, wait: true });
    expect(soonRun.done.error).toBeUndefined();
    expect(pulling(soonRun.progress)).toEqual([app]);
  });
});
