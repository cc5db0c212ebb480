import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject } from '../../../electron/core/compose/load-project';
import { listProjectContainers, upProject } from '../../../electron/core/stack';
import { testDockerHost } from '../../support/engine';
import { stackContext } from './stack-fixtures';
import type { StackTestContext } from './stack-fixtures';

const run = promisify(execFile);

/** No top-level name: Debian's docker-compose 1.29 refuses it. */
const COMPOSE_FILE = `services:
  db:
    image: busybox:latest
    init: true
    command: ["sh", "-c", "touch /tmp/ready; exec sleep 3600"]
    healthcheck:
      test: ["CMD", "test", "-f", "/tmp/ready"]
      interval: 1s
      timeout: 1s
      retries: 30
  web:
    image: busybox:latest
    init: true
    command: ["sleep", "3600"]
    environment:
      MODE: dev
    depends_on:
      db:
        condition: service_healthy
`;

async function dockerCompose(dir: string, project: string, args: string[]): Promise<string> {
  const { stdout } = await run('docker-compose', ['-p', project, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_HOST: testDockerHost() },
  });
  return stdout;
}

describe('Compose sees our containers, and we adopt Compose’s', () => {
  let ctx: StackTestContext;
  let dir: string | undefined;
  afterEach(async () => {
    await ctx?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function setUp(prefix: string) {
    ctx = stackContext(prefix);
    dir = await mkdtemp(path.join(tmpdir(), 'slipway-compat-'));
    await writeFile(path.join(dir, 'compose.yaml'), COMPOSE_FILE);
    const project = await loadProject({ cwd: dir, projectName: ctx.name, env: { PATH: process.env.PATH } });
    return { project, dir };
  }

  it('docker-compose 1.29 ps lists the containers our up made', async () => {
    const { project, dir } = await setUp('composeps');
    await upProject(ctx.core, project, { wait: true });
    const out = await dockerCompose(dir, ctx.name, ['ps']);
    expect(out).toContain(`${ctx.name}-db-1`);
    expect(out).toContain(`${ctx.name}-web-1`);
    expect(out).toMatch(/Up \(healthy\)/);
  });

  it('up adopts the containers docker-compose 1.29 made, without recreating them', async () => {
    const { project, dir } = await setUp('adopt');
    await dockerCompose(dir, ctx.name, ['up', '-d']);
    const before = await listProjectContainers(ctx.docker, ctx.name);
    expect(before.map((c) => c.name).sort()).toEqual([`${ctx.name}_db_1`, `${ctx.name}_web_1`]);
    const result = await upProject(ctx.core, project, { wait: true });
    expect(result.actions).toEqual({ db: 'adopted', web: 'adopted' });
    const after = await listProjectContainers(ctx.docker, ctx.name);
    expect(after.map((c) => c.id).sort()).toEqual(before.map((c) => c.id).sort());
    expect(after.find((c) => c.service === 'db')?.health).toBe('healthy');
    // A changed service is recreated under our name; the other stays Compose's.
    project.model.services.web!.environment = { MODE: 'prod' };
    const second = await upProject(ctx.core, project, { wait: true });
    expect(second.actions).toEqual({ db: 'adopted', web: 'recreated' });
    const names = (await listProjectContainers(ctx.docker, ctx.name)).map((c) => c.name).sort();
    expect(names).toEqual([`${ctx.name}-web-1`, `${ctx.name}_db_1`]);
  });
});
