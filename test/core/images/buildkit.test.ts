import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import { BuildProgress } from '../../../shared/contract/images';
import { testDocker, testEnv, testRegistry, uniqueProjectName } from '../../support/engine';
import { buildAgentClient, savedImage, startSshAgent } from './buildkit-fixture';
import { removeRepositories, runInImage, runTask, tempProject, type TaskRun } from './images-fixture';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('BuildKit builds on the engine', () => {
  const docker = testDocker();
  const registry = testRegistry();
  const name = uniqueProjectName('bkit');
  const base = `${registry.address}/${name}/base:v1`;
  const fileSecret = `file-secret-${Math.random().toString(36).slice(2)}`;
  const envSecret = `env-secret-${Math.random().toString(36).slice(2)}`;
  const images = ['cache', 'secret', 'missing', 'ssh', 'private', 'broken', 'slow', 'ignored', 'plain', 'options'].map((s) => `${name}-${s}`);
  const project = tempProject({
    'compose.yaml': `name: ${name}
services:
  cache:
    image: ${name}-cache:v1
    build:
      context: ./cache
      network: none
  secret:
    image: ${name}-secret:v1
    build:
      context: .
      dockerfile: secret.Dockerfile
      network: none
      secrets:
        - token
        - source: api
          target: apikey
  missing:
    image: ${name}-missing:v1
    build:
      context: ./cache
      network: none
      dockerfile_inline: |
        FROM busybox:latest
        RUN --mount=type=secret,id=nope,required cat /run/secrets/nope
  ssh:
    image: ${name}-ssh:v1
    build:
      context: ./ssh
      network: none
      ssh: [default]
  private:
    image: ${name}-private:v1
    build:
      context: ./cache
      dockerfile_inline: |
        FROM ${base}
        RUN echo pulled > /pulled
  broken:
    image: ${name}-broken:v1
    build:
      context: ./cache
      network: none
      dockerfile_inline: |
        FROM busybox:latest
        RUN for i in $$(seq 1 30); do echo line$$i; done; exit 3
  slow:
    image: ${name}-slow:v1
    build:
      context: ./cache
      network: none
      dockerfile_inline: |
        FROM busybox:latest
        RUN echo started && sleep 60
  ignored:
    image: ${name}-ignored:v1
    build:
      context: ./ignored
      dockerfile: docker/app.Dockerfile
      network: none
  plain:
    image: ${name}-plain:v1
    build:
      context: ./cache
      network: none
      dockerfile_inline: |
        FROM busybox:latest
        RUN echo plain > /plain
  options:
    image: ${name}-options:v1
    build:
      context: ./cache
      network: none
      extra_hosts:
        somehost: 127.0.0.9
      shm_size: 128m
      dockerfile_inline: |
        FROM busybox:latest
        RUN grep somehost /etc/hosts > /hosts; df -k /dev/shm | tail -1 > /shm
secrets:
  token:
    file: ./token.txt
  api:
    environment: SLIPWAY_TEST_API_KEY
`,
    // A cache id of this run's own: the engine's cache mounts outlive the test.
    'cache/Dockerfile': `FROM busybox:latest\nCOPY round.txt /\nRUN --mount=type=cache,id=${name},target=/cache echo run >> /cache/runs && cp /cache/runs /runs\nRUN echo second step > /second\n`,
    'cache/round.txt': '1\n',
    'secret.Dockerfile':
      'FROM busybox:latest\nCOPY . /app\nRUN --mount=type=secret,id=token --mount=type=secret,id=apikey sha256sum /run/secrets/token /run/secrets/apikey | cut -c1-64 > /hashes\n',
    'token.txt': fileSecret,
    'ssh/Dockerfile': 'FROM busybox:latest\nCOPY list-identities /bin/\nRUN --mount=type=ssh test -S "$SSH_AUTH_SOCK" && list-identities > /identities\n',
    'ignored/docker/app.Dockerfile': 'FROM busybox:latest\nCOPY . /ctx\n',
    'ignored/docker/app.Dockerfile.dockerignore': 'skip.txt\n',
    'ignored/.dockerignore': 'keep.txt\n',
    'ignored/skip.txt': 'skipped\n',
    'ignored/keep.txt': 'kept\n',
  });
  const configDir = path.join(project.dir, '.docker-config');
  let agent: Awaited<ReturnType<typeof startSshAgent>> | undefined;
  const cores: SlipwayCore[] = [];

  async function coreWith(extra: Record<string, string> = {}): Promise<SlipwayCore> {
    const core = new SlipwayCore({ env: testEnv({ SLIPWAY_TEST_API_KEY: envSecret, DOCKER_CONFIG: configDir, ...extra }) });
    cores.push(core);
    await core.projects.openProject({ cwd: project.dir });
    return core;
  }

  const build = async (core: SlipwayCore, service: string): Promise<TaskRun> => runTask(core, 'images.build', { projectId: name, services: [service] });

  /** Everything the task said: progress, result, error. */
  const said = (run: TaskRun) => JSON.stringify(run);

  beforeAll(async () => {
    agent = await startSshAgent('slipway-test-key');
    buildAgentClient(path.join(project.dir, 'ssh', 'list-identities'));
    // The private base image: only in the registry, which wants a login.
    await docker.getImage('busybox:latest').tag({ repo: `${registry.address}/${name}/base`, tag: 'v1' });
    const pushed = await docker.getImage(`${registry.address}/${name}/base`).push({ tag: 'v1', authconfig: { username: registry.username, password: registry.password, serveraddress: registry.address } });
    await new Promise((resolve, reject) => docker.modem.followProgress(pushed, (error) => (error ? reject(error) : resolve(undefined))));
    await docker.getImage(base).remove();
    mkdirSync(configDir, { recursive: true });
  });

  afterAll(async () => {
    await Promise.all(cores.map((core) => core.dispose()));
    await agent?.stop();
    await removeRepositories(docker, [...images, `${registry.address}/${name}/base`]);
    project.cleanup();
  });

  it('runs a cache mount, reuses the cache in the next build, and prints each step as docker does', async () => {
    const core = await coreWith();
    const first = await build(core, 'cache');
    expect(first.done.error).toBeUndefined();
    expect(first.progress.find((p) => p.build?.kind === 'builder')?.message).toBe('building with BuildKit');
    const messages = first.progress.map((p) => p.message);
    expect(messages).toContainEqual(expect.stringMatching(/^#\d+ \[(stage-0 )?3\/4\] RUN --mount=type=cache,id=\w+,target=\/cache echo run >> \/cache\/runs/));
    expect(messages).toContainEqual(expect.stringMatching(/^#\d+ DONE \d+\.\d+s$/));
    for (const p of first.progress) if (p.build) expect(BuildProgress.safeParse(p.build).success).toBe(true);
    expect(first.progress.filter((p) => p.build?.kind === 'step' && p.build.state === 'running').length).toBeGreaterThanOrEqual(3);
    expect(await runInImage(docker, `${name}-cache:v1`, ['cat', '/runs'])).toBe('run\n');

    // A changed input runs the step again, and it finds what it left in the cache mount.
    // (--no-cache would not show it: BuildKit 20.10 then starts cache mounts empty, as docker build does.)
    writeFileSync(path.join(project.dir, 'cache', 'round.txt'), '2\n');
    const second = await build(core, 'cache');
    expect(second.done.error).toBeUndefined();
    expect(await runInImage(docker, `${name}-cache:v1`, ['cat', '/runs'])).toBe('run\nrun\n');

    // Unchanged, every step after FROM is CACHED (this engine reports a local FROM as DONE).
    const third = await build(core, 'cache');
    expect(third.progress.map((p) => p.message)).toContainEqual(expect.stringMatching(/^#\d+ CACHED$/));
    const counted = (third.done.result as { images: Array<{ cachedSteps: number; totalSteps: number }> }).images[0];
    expect(counted?.totalSteps).toBe(4);
    expect(counted?.cachedSteps).toBeGreaterThanOrEqual(3);
  });

  it('mounts build secrets from a file and from a variable, and they appear nowhere else', async () => {
    const core = await coreWith();
    const run = await build(core, 'secret');
    expect(run.done.error).toBeUndefined();
    const image = `${name}-secret:v1`;
    expect(await runInImage(docker, image, ['cat', '/hashes'])).toBe(`${sha256(fileSecret)}\n${sha256(envSecret)}\n`);
    // Not in the image's files (the secret file lies in the context that COPY . copies), …
    const files = await runInImage(docker, image, ['sh', '-c', 'ls -a /app; ls -a /run/secrets 2>&1']);
    expect(files).toContain('secret.Dockerfile');
    expect(files).not.toContain('token.txt');
    expect(files).not.toContain('apikey');
    // … nor its layers or history (anything docker save writes), nor what the task said.
    const history = JSON.stringify(await docker.getImage(image).history());
    const saved = await savedImage(docker, image);
    for (const secret of [fileSecret, envSecret]) {
      expect(history).not.toContain(secret);
      expect(saved.includes(secret)).toBe(false);
      expect(said(run)).not.toContain(secret);
    }
  });

  it('answers a secret id it was not given with not found, as BuildKit does', async () => {
    const run = await build(await coreWith(), 'missing');
    expect(run.done.ok).toBe(false);
    expect(run.done.error?.message).toMatch(/secret nope not found|nope.*not found/);
  });

  it('forwards the ssh agent: a RUN step with --mount=type=ssh lists its keys', async () => {
    const core = await coreWith({ SSH_AUTH_SOCK: agent?.socket ?? '' });
    const run = await build(core, 'ssh');
    expect(run.done.error).toBeUndefined();
    expect(await runInImage(docker, `${name}-ssh:v1`, ['cat', '/identities'])).toBe('1 identities\nslipway-test-key\n');
  });

  it('says what to do when build.ssh has no agent', async () => {
    const run = await build(await coreWith({ SSH_AUTH_SOCK: '' }), 'ssh');
    expect(run.done.error?.code).toBe('build_ssh_no_agent');
    expect(run.done.error?.hint).toContain('ssh-agent');
  });

  it('pulls a FROM image from a registry that wants a login, with the login of the docker config', async () => {
    writeFileSync(path.join(configDir, 'config.json'), '{}');
    const anonymous = await build(await coreWith(), 'private');
    expect(anonymous.done.ok).toBe(false);
    expect(anonymous.done.error?.message).toMatch(/401|unauthorized|authorization|no basic auth/i);

    writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ auths: { [registry.address]: { auth: Buffer.from(`${registry.username}:${registry.password}`).toString('base64') } } }));
    const run = await build(await coreWith(), 'private');
    expect(run.done.error).toBeUndefined();
    expect(await runInImage(docker, `${name}-private:v1`, ['cat', '/pulled'])).toBe('pulled\n');
    expect(said(run)).not.toContain(registry.password);
  });

  it('names the failing step and its last 20 output lines', async () => {
    const run = await build(await coreWith(), 'broken');
    expect(run.done.error?.code).toBe('build_failed');
    expect(run.done.error?.message).toMatch(/^service broken: build failed at #\d+ \[(stage-0 )?2\/2\] RUN for i in .*: .*exit code: 3/);
    const hint = run.done.error?.hint ?? '';
    expect(hint).toContain('line30');
    expect(hint).toContain('line11\n');
    expect(hint).not.toContain('line10\n');
    expect(run.progress.map((p) => p.message)).toContainEqual(expect.stringMatching(/^#\d+ ERROR: /));
  });

  it('cancels a running build: the task ends as cancelled and no image is tagged', async () => {
    const core = await coreWith();
    const run = await runTask(core, 'images.build', { projectId: name, services: ['slow'] }, (p, taskId) => {
      if (p.build?.kind === 'output' && p.build.line === 'started') core.tasks.cancel(taskId);
    });
    expect(run.done.error?.code).toBe('cancelled');
    expect(run.progress.some((p) => p.build?.kind === 'output' && p.build.line === 'started')).toBe(true);
    expect(await docker.getImage(`${name}-slow:v1`).inspect().then(() => true, () => false)).toBe(false);
  });

  it('takes Dockerfile.dockerignore beside the Dockerfile instead of the context .dockerignore', async () => {
    const run = await build(await coreWith(), 'ignored');
    expect(run.done.error).toBeUndefined();
    const listed = await runInImage(docker, `${name}-ignored:v1`, ['ls', '/ctx']);
    expect(listed).toContain('keep.txt');
    expect(listed).not.toContain('skip.txt');
  });

  it('passes extra_hosts to the RUN steps of both builders, shm_size to the classic one (Engine 20.10 BuildKit ignores it, as with docker build)', async () => {
    const run = await build(await coreWith(), 'options');
    expect(run.done.error).toBeUndefined();
    expect(await runInImage(docker, `${name}-options:v1`, ['cat', '/hosts'])).toMatch(/^127\.0\.0\.9\s+somehost\n$/);
    const classic = await build(await coreWith({ DOCKER_BUILDKIT: '0' }), 'options');
    expect(classic.done.error).toBeUndefined();
    expect(await runInImage(docker, `${name}-options:v1`, ['cat', '/hosts'])).toMatch(/^127\.0\.0\.9\s+somehost\n$/);
    expect(await runInImage(docker, `${name}-options:v1`, ['cat', '/shm'])).toMatch(/^shm\s+131072\s/);
  });

  it('falls back to the classic builder with DOCKER_BUILDKIT=0, says so, and refuses secrets there as Compose does', async () => {
    const core = await coreWith({ DOCKER_BUILDKIT: '0' });
    const run = await build(core, 'plain');
    expect(run.done.error).toBeUndefined();
    expect(run.progress.find((p) => p.build?.kind === 'builder')?.message).toBe('building with the classic builder (DOCKER_BUILDKIT=0)');
    expect(run.progress.map((p) => p.message)).toContain('Step 2/2 : RUN echo plain > /plain');
    const refused = await build(core, 'secret');
    expect(refused.done.error?.message).toBe("service secret: the classic builder doesn't support secrets, set DOCKER_BUILDKIT=1 to use BuildKit");
  });
});
