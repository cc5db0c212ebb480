import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DockerConnection } from '../../../../electron/core/docker/connect';
import type { PingResult } from '../../../../electron/core/docker/ping-host';
import { createEnvFromExample, dotenvKeys } from '../../../../electron/core/doctor/env-example';
import { runDoctor } from '../../../../electron/core/doctor/run-doctor';
import { DEFAULT_THRESHOLDS, type DoctorCheck, type DoctorDeps } from '../../../../electron/core/doctor/types';
import type { Project } from '../../../../shared/model/project';
import { SlipwayError } from '../../../../shared/errors';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'swdoc-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const host = { url: 'unix:///var/run/docker.sock', source: 'default socket', tls: false };
const images = new Set(['postgres:16']);
const fakeDocker = {
  listContainers: async () => [],
  getImage: (name: string) => ({ inspect: async () => (images.has(name) ? {} : Promise.reject(new Error('no such image'))) }),
};
const connection = { docker: fakeDocker, host } as unknown as DockerConnection;
const okPing: PingResult = {
  ok: true,
  host,
  latencyMs: 3,
  engine: { version: '27.3.1', apiVersion: '1.47', os: 'linux', arch: 'amd64', dataRoot: '/var/lib/docker', clockSkewMs: 200 },
};

function project(services: Project['model']['services']): Project {
  return { name: 'demo', workingDir: dir, configFiles: [path.join(dir, 'compose.yaml')], profiles: [], model: { name: 'demo', services }, disabledServices: {}, warnings: [] };
}

function deps(over: Partial<DoctorDeps> = {}): DoctorDeps {
  return {
    connect: () => connection,
    ping: async () => okPing,
    loadProject: async () => project({ db: { image: 'postgres:16', ports: [{ target: 5432, published: '5432', protocol: 'tcp' }] } }),
    platform: 'linux',
    now: () => Date.now(),
    socketAccess: () => 'ok',
    statfs: () => ({ freeBytes: 50 * 1024 ** 3, totalBytes: 100 * 1024 ** 3 }),
    inotifyLimit: () => 8192,
    countFiles: () => 120,
    portFree: async () => true,
    hostInstances: async () => [],
    thresholds: DEFAULT_THRESHOLDS,
    ...over,
  };
}

async function check(id: string, over: Partial<DoctorDeps> = {}, env: Record<string, string | undefined> = {}): Promise<DoctorCheck> {
  const report = await runDoctor(deps(over), env);
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id} in ${report.checks.map((c) => c.id).join(', ')}`);
  return found;
}

describe('doctor checks pass on a healthy setup', () => {
  it('every check is ok', async () => {
    const report = await runDoctor(deps(), {});
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['engine.reachable', 'ok'],
      ['engine.socket-permission', 'ok'],
      ['engine.disk', 'ok'],
      ['engine.clock', 'ok'],
      ['project.compose', 'ok'],
      ['project.env', 'ok'],
      ['project.ports', 'ok'],
      ['project.images', 'ok'],
      ['host.inotify', 'ok'],
    ]);
    expect(report.summary).toEqual({ ok: 9, warn: 0, fail: 0 });
    expect(report.checks[0]?.message).toContain('API 1.47');
  });
});

describe('doctor checks fail with a message and a fix', () => {
  it('engine.reachable: no engine, and a stopped VM to start', async () => {
    const down: PingResult = { ok: false, host, error: new SlipwayError('docker_not_running', 'Cannot reach the Docker engine at unix:///var/run/docker.sock (from default socket): connection refused', 'Start the engine') };
    const c = await check('engine.reachable', {
      ping: async () => down,
      hostInstances: async () => [{ name: 'colima', provider: 'colima', title: 'Colima (default)', state: 'stopped', canStart: true, canStop: false, startCommand: 'colima start', dockerHost: 'unix:///x' }],
    });
    expect(c.status).toBe('fail');
    expect(c.message).toMatch(/connection refused/);
    expect(c.fix).toEqual({ kind: 'action', actionId: 'host.start:colima', label: 'Start Colima (default)', command: 'colima start' });
    const none = await check('engine.reachable', { ping: async () => down, platform: 'darwin' });
    expect(none.fix).toMatchObject({ kind: 'command', command: expect.stringContaining('colima start') });
    const bad = await check('engine.reachable', {
      connect: () => {
        throw new SlipwayError('docker_host_invalid', 'Docker host "ftp://x" (from DOCKER_HOST) has an unsupported scheme "ftp"', 'Write it as unix:///PATH…');
      },
    });
    expect(bad).toMatchObject({ status: 'fail', message: expect.stringContaining('ftp://x') });
  });

  it('engine.reachable warns on an engine older than API 1.41', async () => {
    const c = await check('engine.reachable', { ping: async () => ({ ...okPing, engine: { ...okPing.engine, apiVersion: '1.40', version: '19.03.15' } }) });
    expect(c.status).toBe('warn');
  });

  it('engine.socket-permission: gives the docker-group fix', async () => {
    const c = await check('engine.socket-permission', { socketAccess: () => 'denied' });
    expect(c.status).toBe('fail');
    expect(c.fix).toMatchObject({ command: 'sudo usermod -aG docker $USER', label: expect.stringMatching(/log out and in/) });
  });

  it('engine.disk: low and very low free space', async () => {
    expect((await check('engine.disk', { statfs: () => ({ freeBytes: 3 * 1024 ** 3, totalBytes: 100 * 1024 ** 3 }) })).status).toBe('warn');
    const c = await check('engine.disk', { statfs: () => ({ freeBytes: 200 * 1024 ** 2, totalBytes: 100 * 1024 ** 3 }) });
    expect(c).toMatchObject({ status: 'fail', message: expect.stringContaining('200 MiB'), fix: { command: 'docker system prune' } });
  });

  it('engine.clock: the engine clock drifted', async () => {
    const c = await check('engine.clock', { ping: async () => ({ ...okPing, engine: { ...okPing.engine, clockSkewMs: -125_000 } }) });
    expect(c).toMatchObject({ status: 'fail', message: expect.stringContaining('125.0 s behind') });
    expect((await check('engine.clock', { ping: async () => ({ ...okPing, engine: { ...okPing.engine, clockSkewMs: 9_000 } }) })).status).toBe('warn');
  });

  it('project.compose: an invalid file names the problem', async () => {
    const c = await check('project.compose', {
      loadProject: async () => {
        throw new SlipwayError('compose_invalid', 'compose.yaml:3: services.web.ports must be a list', 'Fix it');
      },
    });
    expect(c).toMatchObject({ status: 'fail', message: expect.stringContaining('compose.yaml:3') });
  });

  it('project.env: keys of .env.example missing from .env, fixed by an action', async () => {
    writeFileSync(path.join(dir, '.env.example'), '# database\nDB_PASSWORD=change-me\nexport API_KEY=\nDEBUG=1\n');
    writeFileSync(path.join(dir, '.env'), 'DEBUG=0');
    const c = await check('project.env');
    expect(c).toMatchObject({ status: 'fail', fix: { kind: 'action', actionId: 'env.create-from-example' } });
    expect(c.message).toContain('DB_PASSWORD, API_KEY');
    expect((await check('project.env', {}, { API_KEY: 'from-env', DB_PASSWORD: 'x' })).status).toBe('ok');
    expect(createEnvFromExample(dir, {})).toEqual(['DB_PASSWORD', 'API_KEY']);
    const after = readFileSync(path.join(dir, '.env'), 'utf8');
    expect(after.startsWith('DEBUG=0\n')).toBe(true);
    expect(dotenvKeys(after)).toEqual(['DEBUG', 'DB_PASSWORD', 'API_KEY']);
    expect((await check('project.env')).status).toBe('ok');
  });

  it('project.env: no .env at all → created from the example', async () => {
    writeFileSync(path.join(dir, '.env.example'), 'A=1\nB=2\n');
    expect((await check('project.env')).message).toMatch(/There is no \.env/);
    expect(createEnvFromExample(dir, {})).toEqual(['A', 'B']);
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toBe('A=1\nB=2\n');
  });

  it('project.ports: a published port held by another program', async () => {
    const c = await check('project.ports', { portFree: async (port) => port !== 5432 });
    expect(c).toMatchObject({ status: 'fail', message: expect.stringContaining('5432/tcp (db)'), fix: { command: "ss -ltnp 'sport = :5432'" } });
  });

  it('project.images: not present and no build; a build without context', async () => {
    const missing = await check('project.images', { loadProject: async () => project({ web: { image: 'registry.example.com/web:1' } }) });
    expect(missing).toMatchObject({ status: 'fail', fix: { command: 'docker pull registry.example.com/web:1' } });
    const unbuildable = await check('project.images', { loadProject: async () => project({ web: { build: { context: path.join(dir, 'nope') } } }) });
    expect(unbuildable).toMatchObject({ status: 'fail', message: expect.stringContaining('no build context') });
    mkdirSync(path.join(dir, 'web'));
    writeFileSync(path.join(dir, 'web', 'Dockerfile'), 'FROM busybox\n');
    expect((await check('project.images', { loadProject: async () => project({ web: { build: { context: path.join(dir, 'web') } } }) })).status).toBe('ok');
  });

  it('host.inotify: more files than watches', async () => {
    expect((await check('host.inotify', { countFiles: (_d, max) => max })).status).toBe('fail');
    expect((await check('host.inotify', { countFiles: () => 7000 })).status).toBe('warn');
    expect((await check('host.inotify', { platform: 'darwin' })).status).toBe('ok');
  });
});
