import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import type { TaskProgress } from '../../../shared/contract/tasks';
import { testDocker, testEnv, uniqueProjectName } from '../../support/engine';
import { git, gitInitCommit, removeRepositories, runInImage, runTask, tempProject } from './images-fixture';

const DOCKERFILE = `FROM busybox:latest
ARG GREETING
ARG FROM_ENV
COPY . /app
RUN echo "$GREETING/$FROM_ENV" > /greeting
`;

/** What each builder prints for the same builds: classic `Step n/m : …`, BuildKit docker's plain `#3 [2/3] RUN …`. */
const builders = [
  {
    builder: 'classic',
    env: { DOCKER_BUILDKIT: '0' },
    appSteps: 6, // ARG, ARG, and the LABEL the labels add are steps too
    stepNumber: (p: TaskProgress) => /^Step (\d+)\/\d+ : /.exec(p.message)?.[1],
    cachedLine: /: cached$/,
    failedAt: 'service broken: build failed at step 2/3 (RUN echo before the failure && exit 3)',
    failedCode: /returned a non-zero code: 3/,
    outputLine: /^before the failure$/,
    cachedAfterEdit: 2,
  },
  {
    builder: 'BuildKit',
    env: { DOCKER_BUILDKIT: '1' },
    appSteps: 3,
    stepNumber: (p: TaskProgress) => (p.build?.kind === 'step' && p.build.state === 'running' ? /^\[(?:stage-0 )?(\d+)\/\d+\]/.exec(p.build.name)?.[1] : undefined),
    cachedLine: /^#\d+ CACHED$/,
    failedAt: /^service broken: build failed at #\d+ \[(stage-0 )?2\/3\] RUN echo before the failure && exit 3/,
    failedCode: /exit code: 3/,
    outputLine: /^#\d+ before the failure$/,
    cachedAfterEdit: 1,
  },
];

describe.each(builders)('images.build on the engine with the $builder builder', (shape) => {
  const docker = testDocker();
  const name = uniqueProjectName('imgbuild');
  const image = `${name}-app`;
  const project = tempProject({
    'compose.yaml': `name: ${name}
services:
  app:
    build:
      context: .
      network: none
      args:
        GREETING: hello-\${WHO:-nobody}
        FROM_ENV:
      labels:
        dev.slipway.test: "yes"
  broken:
    image: ${name}-broken:v1
    build:
      context: ./broken
      network: none
  runs:
    image: ${name}-runs:v1
    build:
      context: ./runs
  slow:
    image: ${name}-slow:v1
    build:
      context: ./slow
      network: none
  inline:
    image: ${name}-inline:v1
    build:
      context: ./inline
      dockerfile_inline: |
        FROM busybox:latest
        COPY . /ctx
  staged:
    image: ${name}-staged:v1
    build:
      context: ./inline
      target: first
      cache_from: [busybox:latest]
      dockerfile_inline: |
        FROM busybox:latest AS first
        COPY data.txt /first.txt
        FROM first AS second
        COPY data.txt /second.txt
  outside:
    image: ${name}-outside:v1
    build:
      context: ./inline
      dockerfile: ../docker/Dockerfile.outside
x-slipway:
  tags:
    dirty_suffix: -wip
`,
    Dockerfile: DOCKERFILE,
    '.dockerignore': 'node_modules\n*.log\n!keep.log\nbroken\n',
    'src/index.js': 'console.log(1)\n',
    'node_modules/dep/index.js': 'module.exports = 1\n',
    'debug.log': 'noise\n',
    'keep.log': 'kept\n',
    'inline/data.txt': 'inline data\n',
    'docker/Dockerfile.outside': 'FROM busybox:latest\nCOPY data.txt /outside.txt\n',
    'runs/Dockerfile': 'FROM busybox:latest\nRUN echo ran > /ran\n',
    'slow/Dockerfile': 'FROM busybox:latest\nRUN echo started && sleep 60\n',
    'broken/Dockerfile': 'FROM busybox:latest\nRUN echo before the failure && exit 3\nRUN echo never\n',
  });
  let commit = '';
  let core: SlipwayCore;

  beforeAll(async () => {
    commit = gitInitCommit(project.dir);
    core = new SlipwayCore({ env: testEnv({ WHO: 'world', FROM_ENV: 'from-env', ...shape.env }) });
    await core.projects.openProject({ cwd: project.dir });
  });

  afterAll(async () => {
    await core?.dispose();
    await removeRepositories(docker, [image, `${name}-broken`, `${name}-runs`, `${name}-slow`, `${name}-inline`, `${name}-outside`, `${name}-staged`]);
    project.cleanup();
  });

  it('builds without the ignored files, with the args and labels, tagged with the commit', async () => {
    const run = await runTask(core, 'images.build', { projectId: name, services: ['app'] });
    expect(run.done.error).toBeUndefined();
    expect(run.done.ok).toBe(true);
    const result = run.done.result as { images: Array<{ tags: string[]; commitTag?: string; totalSteps: number }> };
    expect(result.images[0]?.tags).toEqual([`${image}:latest`, `${image}:${commit}`]);
    expect(result.images[0]?.totalSteps).toBe(shape.appSteps);
    const steps = run.progress.filter((p) => p.subject === 'app').map(shape.stepNumber).filter((n) => n !== undefined);
    expect(steps.map(Number)).toEqual(Array.from({ length: shape.appSteps }, (_, i) => i + 1));

    const files = await runInImage(docker, `${image}:${commit}`, ['sh', '-c', 'cd /app && find . -type f | sort && cat /greeting']);
    expect(files).toContain('./src/index.js');
    expect(files).toContain('./keep.log');
    expect(files).toContain('./Dockerfile');
    expect(files).not.toContain('node_modules');
    expect(files).not.toContain('debug.log');
    expect(files).not.toContain('broken');
    expect(files).toContain('hello-world/from-env');
    const info = await docker.getImage(`${image}:latest`).inspect();
    expect(info.Config.Labels?.['dev.slipway.test']).toBe('yes');
  });

  it('serves unchanged steps from the cache and tags uncommitted work with the dirty suffix', async () => {
    writeFileSync(path.join(project.dir, 'src', 'index.js'), 'console.log(2)\n');
    expect(git(project.dir, 'status', '--porcelain')).not.toBe('');
    const run = await runTask(core, 'images.build', { projectId: name, services: ['app'] });
    expect(run.done.ok).toBe(true);
    const built = (run.done.result as { images: Array<{ tags: string[]; cachedSteps: number }> }).images[0];
    expect(built?.tags).toContain(`${image}:${commit}-wip`);
    expect(built?.cachedSteps).toBeGreaterThanOrEqual(shape.cachedAfterEdit);
    expect(run.progress.some((p) => shape.cachedLine.test(p.message))).toBe(true);
  });

  it('reports the failing step with the engine message', async () => {
    const run = await runTask(core, 'images.build', { projectId: name, services: ['broken'] });
    expect(run.done.ok).toBe(false);
    expect(run.done.error?.code).toBe('build_failed');
    expect(run.done.error?.message).toMatch(shape.failedAt);
    expect(run.done.error?.message).toMatch(shape.failedCode);
    expect(run.done.error?.hint).toContain('before the failure');
    expect(run.progress.some((p) => p.subject === 'broken' && shape.outputLine.test(p.message))).toBe(true);
  });

  it('runs RUN steps without a build network set, whether or not the engine has a default bridge', async () => {
    const run = await runTask(core, 'images.build', { projectId: name, services: ['runs'] });
    expect(run.done.error).toBeUndefined();
    expect(await runInImage(docker, `${name}-runs:v1`, ['cat', '/ran'])).toBe('ran\n');
  });

  it('builds from an inline Dockerfile and from one outside the context, which stays out of the image', async () => {
    const run = await runTask(core, 'images.build', { projectId: name, services: ['inline', 'outside'] });
    expect(run.done.error).toBeUndefined();
    const files = await runInImage(docker, `${name}-inline:v1`, ['sh', '-c', 'ls -a /ctx']);
    expect(files).toContain('data.txt');
    expect(files).not.toContain('.dockerfile.');
    expect(files).not.toContain('.dockerignore');
    expect(await runInImage(docker, `${name}-outside:v1`, ['cat', '/outside.txt'])).toBe('inline data\n');
  });

  it('stops at the build target', async () => {
    const run = await runTask(core, 'images.build', { projectId: name, services: ['staged'] });
    expect(run.done.error).toBeUndefined();
    expect(await runInImage(docker, `${name}-staged:v1`, ['sh', '-c', 'ls /'])).toMatch(/first\.txt/);
    expect(await runInImage(docker, `${name}-staged:v1`, ['sh', '-c', 'ls /'])).not.toMatch(/second\.txt/);
  });

  it('cancels a running build: the task ends as cancelled and no image is made', async () => {
    const run = await runTask(core, 'images.build', { projectId: name, services: ['slow'] }, (p, taskId) => {
      if (/(^|\s)started$/.test(p.message)) core.tasks.cancel(taskId);
    });
    expect(run.done.ok).toBe(false);
    expect(run.done.error?.code).toBe('cancelled');
    expect(await docker.getImage(`${name}-slow:v1`).inspect().then(() => true, () => false)).toBe(false);
  });

  it('refuses an unknown service and a service without build before starting a task', async () => {
    const unknown = await core.call('images.build', { projectId: name, services: ['nope'] });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.message).toBe('no such service: nope');
  });
});
