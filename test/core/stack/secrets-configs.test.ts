import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject } from '../../../electron/core/compose/load-project';
import { configJson, configYaml } from '../../../electron/core/compose/print-config';
import { listProjectContainers, upProject } from '../../../electron/core/stack';
import { testDockerHost } from '../../support/engine';
import { stackContext } from './stack-fixtures';
import type { StackTestContext } from './stack-fixtures';

const run = promisify(execFile);

const FILE = `services:
  app:
    image: busybox:latest
    init: true
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    secrets:
      - db_password
      - { source: api_key, mode: 0440 }
      - { source: token, target: tok, mode: "0440", uid: "1000", gid: "1000" }
    configs:
      - { source: app_conf, target: /etc/app.conf, mode: 0o440 }
      - { source: plain, mode: 288 }
secrets:
  db_password: { file: ./db_password.txt }
  api_key: { environment: API_KEY }
  token: { file: ./token.txt }
configs:
  app_conf: { content: "listen 8080" }
  plain: { file: ./plain.conf }
`;

describe('secrets and configs, as Compose mounts them', () => {
  let ctx: StackTestContext;
  let dir = '';
  afterEach(async () => {
    await ctx?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function setUp() {
    ctx = stackContext('secrets');
    dir = await mkdtemp(path.join(tmpdir(), 'slipway-secrets-'));
    await writeFile(path.join(dir, 'compose.yaml'), FILE);
    await writeFile(path.join(dir, 'db_password.txt'), 'hunter2');
    await writeFile(path.join(dir, 'token.txt'), 'tok-123');
    await writeFile(path.join(dir, 'plain.conf'), 'plain=1');
    await writeFile(path.join(dir, '.env'), 'API_KEY=key-from-dotenv\n');
    return (extraEnv: Record<string, string> = {}) => loadProject({ cwd: dir, projectName: ctx.name, env: { PATH: process.env.PATH, ...extraEnv } });
  }

  async function sh(script: string): Promise<string> {
    const [container] = await listProjectContainers(ctx.docker, ctx.name, ['app']);
    const { stdout } = await run('docker', ['exec', container?.name ?? '', 'sh', '-c', script], { env: { PATH: process.env.PATH, DOCKER_HOST: testDockerHost() } });
    return stdout.trim();
  }

  it('puts each where Compose does, with its mode, uid and gid; config never prints a value', async () => {
    const load = await setUp();
    const project = await load();
    await upProject(ctx.core, project, { wait: true });
    expect(await sh('cat /run/secrets/db_password')).toBe('hunter2');
    expect(await sh('cat /run/secrets/api_key; echo; stat -c "%a %u %g" /run/secrets/api_key')).toBe('key-from-dotenv\n440 0 0');
    expect(await sh('cat /run/secrets/tok; echo; stat -c "%a %u %g" /run/secrets/tok')).toBe('tok-123\n440 1000 1000');
    expect(await sh('cat /etc/app.conf; echo; stat -c "%a" /etc/app.conf')).toBe('listen 8080\n440');
    expect(await sh('cat /plain; echo; stat -c "%a" /plain')).toBe('plain=1\n440');
    // A file secret without uid/gid/mode is a read-only bind.
    expect(await sh('echo x > /run/secrets/db_password 2>&1 || echo refused')).toContain('refused');
    const printed = `${configJson(project.model)}\n${configYaml(project.model)}`;
    expect(printed).toContain('API_KEY');
    expect(printed).not.toContain('key-from-dotenv');
  });

  it('a changed secret recreates the service; an unchanged one leaves it', async () => {
    const load = await setUp();
    await upProject(ctx.core, await load(), { wait: true });
    expect((await upProject(ctx.core, await load(), { wait: true })).actions.app).toBe('unchanged');
    await writeFile(path.join(dir, 'db_password.txt'), 'correct horse');
    expect((await upProject(ctx.core, await load(), { wait: true })).actions.app).toBe('recreated');
    expect(await sh('cat /run/secrets/db_password')).toBe('correct horse');
    // The shell's value wins over .env, and changes the secret: recreated with it.
    expect((await upProject(ctx.core, await load({ API_KEY: 'key-from-shell' }), { wait: true })).actions.app).toBe('recreated');
    expect(await sh('cat /run/secrets/api_key')).toBe('key-from-shell');
  });

  it('an environment secret whose variable is unset is refused before anything is created', async () => {
    const load = await setUp();
    await writeFile(path.join(dir, '.env'), '');
    await expect(upProject(ctx.core, await load(), { wait: true })).rejects.toThrow('environment variable "API_KEY" required by secret "api_key" is not set');
    expect(await listProjectContainers(ctx.docker, ctx.name)).toEqual([]);
  });
});
