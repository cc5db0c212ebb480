import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { promisify } from 'node:util';
import { pack } from 'tar-stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceConfig } from '../../../shared/model/project';
import { runCli } from '../../../electron/cli/run-cli';
import { downProject, listProjectContainers, recreateService, upProject } from '../../../electron/core/stack';
import { testDockerHost, testEnv } from '../../support/engine';
import { makeProject, sleeper, stackContext } from './stack-fixtures';
import type { StackTestContext } from './stack-fixtures';

const run = promisify(execFile);

/** An image that declares a VOLUME, as the postgres and mysql images do for their data. */
async function buildVolumeImage(ctx: StackTestContext, tag: string, revision: string): Promise<string> {
  const tar = pack();
  tar.entry({ name: 'Dockerfile' }, `FROM busybox:latest\nVOLUME /imgdata\nLABEL revision=${revision}\n`);
  tar.finalize();
  const stream = await ctx.docker.buildImage(Readable.from(tar), { t: tag });
  await new Promise<void>((resolve, reject) => {
    ctx.docker.modem.followProgress(stream, (error: Error | null, output: { error?: string }[] | undefined) => {
      const failed = output?.find((o) => o.error);
      if (error ?? failed) reject(error ?? new Error(failed?.error));
      else resolve();
    });
  });
  return (await ctx.docker.getImage(tag).inspect()).Id;
}

async function sh(container: string, script: string): Promise<string> {
  const { stdout } = await run('docker', ['exec', container, 'sh', '-c', script], { env: { PATH: process.env.PATH, DOCKER_HOST: testDockerHost() } });
  return stdout.trim();
}

async function containerOf(ctx: StackTestContext, service: string) {
  const found = (await listProjectContainers(ctx.docker, ctx.name, [service]))[0];
  if (!found) throw new Error(`no container for ${service}`);
  return found;
}

/** Writes a marker into each path of the service's container; returns the marker. */
async function writeMarker(ctx: StackTestContext, service: string, paths: string[]): Promise<string> {
  const marker = `data-${Math.random().toString(36).slice(2)}`;
  const c = await containerOf(ctx, service);
  await sh(c.name, paths.map((p) => `echo ${marker} > ${p}/marker`).join(' && '));
  return marker;
}

async function readMarker(ctx: StackTestContext, service: string, dir: string): Promise<string> {
  const c = await containerOf(ctx, service);
  return sh(c.name, `cat ${dir}/marker 2>/dev/null || echo missing`);
}

describe('volumes survive a recreate, as in Compose', () => {
  let ctx: StackTestContext;
  const tags: string[] = [];
  const volumes = new Set<string>();

  /** Remembers every volume the project's containers use, so the test can remove the anonymous ones. */
  async function noteVolumes(): Promise<void> {
    for (const c of await listProjectContainers(ctx.docker, ctx.name)) for (const m of c.mounts) if (m.name) volumes.add(m.name);
  }

  afterEach(async () => {
    await noteVolumes().catch(() => undefined);
    await ctx?.cleanup();
    await Promise.all([...volumes].map((v) => ctx.docker.getVolume(v).remove().catch(() => undefined)));
    volumes.clear();
    await Promise.all(tags.splice(0).map((t) => ctx.docker.getImage(t).remove({ force: true }).catch(() => undefined)));
  });

  function dataService(extra: ServiceConfig = {}): ServiceConfig {
    return sleeper({ volumes: [{ type: 'volume', target: '/data' }], ...extra });
  }

  it('keeps an anonymous volume of the file across --force-recreate', async () => {
    ctx = stackContext('volforce');
    const project = makeProject(ctx.name, { db: dataService() });
    await upProject(ctx.core, project, { wait: true });
    const before = await containerOf(ctx, 'db');
    const marker = await writeMarker(ctx, 'db', ['/data']);
    const result = await upProject(ctx.core, project, { wait: true, forceRecreate: true });
    await noteVolumes();
    const after = await containerOf(ctx, 'db');
    expect(result.actions.db).toBe('recreated');
    expect(after.id).not.toBe(before.id);
    expect(after.name).toBe(before.name);
    expect(after.mounts.find((m) => m.destination === '/data')?.name).toBe(before.mounts.find((m) => m.destination === '/data')?.name);
    expect(await readMarker(ctx, 'db', '/data')).toBe(marker);
    // Only the new container is left: the temporary name was given up for the service's own.
    expect((await listProjectContainers(ctx.docker, ctx.name)).map((c) => c.name)).toEqual([`${ctx.name}-db-1`]);
  });

  it('keeps the anonymous volumes of the file and of the image when the configuration and the image change', async () => {
    ctx = stackContext('volchange');
    const tag = `${ctx.name}-img:dev`;
    tags.push(tag);
    await buildVolumeImage(ctx, tag, 'one');
    const first = makeProject(ctx.name, { db: dataService({ image: tag, environment: { MODE: 'one' } }) });
    await upProject(ctx.core, first, { wait: true });
    const marker = await writeMarker(ctx, 'db', ['/data', '/imgdata']);

    const changed = makeProject(ctx.name, { db: dataService({ image: tag, environment: { MODE: 'two' } }) });
    expect((await upProject(ctx.core, changed, { wait: true })).actions.db).toBe('recreated');
    expect(await readMarker(ctx, 'db', '/data')).toBe(marker);
    expect(await readMarker(ctx, 'db', '/imgdata')).toBe(marker);

    await buildVolumeImage(ctx, tag, 'two');
    expect((await upProject(ctx.core, changed, { wait: true })).actions.db).toBe('recreated');
    await noteVolumes();
    expect(await readMarker(ctx, 'db', '/data')).toBe(marker);
    expect(await readMarker(ctx, 'db', '/imgdata')).toBe(marker);
  });

  it('keeps them when one service is recreated (watch rebuild), and -V renews them', async () => {
    ctx = stackContext('volrenew');
    const project = makeProject(ctx.name, { db: dataService() });
    await upProject(ctx.core, project, { wait: true });
    const marker = await writeMarker(ctx, 'db', ['/data']);
    await recreateService(ctx.core, project, 'db');
    expect(await readMarker(ctx, 'db', '/data')).toBe(marker);
    await noteVolumes();

    const result = await upProject(ctx.core, project, { wait: true, renewAnonVolumes: true });
    await noteVolumes();
    expect(result.actions.db).toBe('recreated');
    expect(await readMarker(ctx, 'db', '/data')).toBe('missing');
  });

  it('never touches named volumes on recreate; down keeps them, down -v removes them', async () => {
    ctx = stackContext('volnamed');
    const service = (mode: string) => sleeper({ environment: { MODE: mode }, volumes: [{ type: 'volume', source: 'store', target: '/store' }] });
    const project = makeProject(ctx.name, { db: service('one') }, { volumes: { store: {} } });
    await upProject(ctx.core, project, { wait: true });
    const marker = await writeMarker(ctx, 'db', ['/store']);
    await upProject(ctx.core, makeProject(ctx.name, { db: service('two') }, { volumes: { store: {} } }), { wait: true });
    expect(await readMarker(ctx, 'db', '/store')).toBe(marker);

    await downProject(ctx.core, project);
    await ctx.docker.getVolume(`${ctx.name}_store`).inspect();
    await upProject(ctx.core, project, { wait: true });
    expect(await readMarker(ctx, 'db', '/store')).toBe(marker);

    await downProject(ctx.core, project, { volumes: true });
    await expect(ctx.docker.getVolume(`${ctx.name}_store`).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('down keeps a container’s anonymous volume; down -v removes it', async () => {
    ctx = stackContext('voldown');
    const project = makeProject(ctx.name, { db: dataService() });
    await upProject(ctx.core, project, { wait: true });
    const anonymous = (await containerOf(ctx, 'db')).mounts.find((m) => m.destination === '/data')?.name ?? '';
    volumes.add(anonymous);
    expect(anonymous).not.toBe('');
    await downProject(ctx.core, project);
    await ctx.docker.getVolume(anonymous).inspect();

    await upProject(ctx.core, project, { wait: true });
    const second = (await containerOf(ctx, 'db')).mounts.find((m) => m.destination === '/data')?.name ?? '';
    volumes.add(second);
    await downProject(ctx.core, project, { volumes: true });
    await expect(ctx.docker.getVolume(second).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('--no-recreate keeps a changed container; it cannot be combined with -V', async () => {
    ctx = stackContext('volnorec');
    await upProject(ctx.core, makeProject(ctx.name, { db: dataService({ environment: { MODE: 'one' } }) }), { wait: true });
    const before = await containerOf(ctx, 'db');
    const changed = makeProject(ctx.name, { db: dataService({ environment: { MODE: 'two' } }) });
    await upProject(ctx.core, changed, { wait: true, noRecreate: true });
    await noteVolumes();
    expect((await containerOf(ctx, 'db')).id).toBe(before.id);
    await expect(upProject(ctx.core, changed, { noRecreate: true, renewAnonVolumes: true })).rejects.toThrow(/--no-recreate cannot be combined with --renew-anon-volumes/);
  });
});

describe('anonymous volumes pass between Compose and Slipway on recreate', () => {
  let ctx: StackTestContext;
  let dir: string | undefined;
  afterEach(async () => {
    const anonymous = (await listProjectContainers(ctx.docker, ctx.name)).flatMap((c) => c.mounts.flatMap((m) => (m.name ? [m.name] : [])));
    await ctx?.cleanup();
    await Promise.all(anonymous.map((v) => ctx.docker.getVolume(v).remove().catch(() => undefined)));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const FILE = `services:
  db:
    image: busybox:latest
    init: true
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    volumes: ["/data"]
`;

  async function cli(cwd: string, argv: string[]): Promise<number> {
    const out = new PassThrough().resume();
    return runCli({ argv, env: testEnv(), cwd, stdout: out, stderr: new PassThrough().resume() });
  }

  it('slipway up --force-recreate keeps the data of a container docker-compose 1.29 made, and -V renews it', async () => {
    ctx = stackContext('volcompat');
    dir = await mkdtemp(path.join(tmpdir(), 'slipway-vol-'));
    await writeFile(path.join(dir, 'compose.yaml'), FILE);
    await run('docker-compose', ['-p', ctx.name, 'up', '-d'], { cwd: dir, env: { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_HOST: testDockerHost() } });
    const marker = await writeMarker(ctx, 'db', ['/data']);
    expect(await cli(dir, ['-p', ctx.name, 'up', '-d', '--force-recreate'])).toBe(0);
    const after = await containerOf(ctx, 'db');
    expect(after.ours).toBe(true);
    expect(await readMarker(ctx, 'db', '/data')).toBe(marker);
    expect(await cli(dir, ['-p', ctx.name, 'up', '-d', '-V'])).toBe(0);
    expect(await readMarker(ctx, 'db', '/data')).toBe('missing');
    await ctx.docker.getVolume(after.mounts.find((m) => m.destination === '/data')?.name ?? '').remove().catch(() => undefined);
  });
});
