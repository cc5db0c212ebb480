import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../support/capture-cli';
import { tempProject } from './stack-fixtures';
import { testDocker, testEnv } from '../../support/engine';

const FILE = `services:
  db:
    image: busybox:latest
    init: true
    command: ["sh", "-c", "touch /tmp/ready; exec sleep 3600"]
    healthcheck: { test: ["CMD", "test", "-f", "/tmp/ready"], interval: 1s, retries: 30 }
  migrate:
    image: busybox:latest
    command: ["sh", "-c", "echo applying 0001; echo 'relation users already exists' >&2; exit \${MIGRATE_EXIT:-0}"]
    depends_on: { db: { condition: service_healthy } }
  web:
    image: busybox:latest
    init: true
    command: ["sleep", "3600"]
    depends_on: { migrate: { condition: service_completed_successfully } }
`;

function cli(cwd: string, argv: string[], env: Record<string, string> = {}) {
  return runCliCaptured({ argv, env: testEnv(env), cwd });
}

describe('slipway up / ps / down', () => {
  const temp = tempProject('cli');
  let name = '';
  afterEach(async () => {
    await temp.cleanup();
  });

  async function project(): Promise<string> {
    const cwd = await temp.create(FILE);
    name = temp.name;
    return cwd;
  }

  it('up --wait prints Compose-like progress, ps lists, down removes everything', async () => {
    const cwd = await project();
    const up = await cli(cwd, ['-p', name, 'up', '--wait']);
    expect(up.code).toBe(0);
    expect(up.err).toContain(` Container ${name}-db-1  Healthy`);
    expect(up.err).toContain(` Container ${name}-migrate-1  Exited`);
    expect(up.err).toContain(` Container ${name}-web-1  Started`);
    const ps = await cli(cwd, ['-p', name, 'ps', '-a', '--json']);
    const rows = JSON.parse(ps.out) as { service: string; state: string; health?: string; exitCode?: number }[];
    expect(rows.map((r) => `${r.service}:${r.state}:${r.health ?? ''}:${r.exitCode ?? ''}`).sort()).toEqual(['db:running:healthy:', 'migrate:exited::0', 'web:running::']);
    const table = await cli(cwd, ['-p', name, 'ps']);
    expect(table.out).toMatch(new RegExp(`${name}-db-1\\s+db\\s+running \\(healthy\\)`));
    const down = await cli(cwd, ['-p', name, 'down']);
    expect(down.code).toBe(0);
    expect(await testDocker().listContainers({ all: true, filters: { label: [`com.docker.compose.project=${name}`] } })).toEqual([]);
  });

  it('a failing one-shot: exit 1, one line naming it and why, then its last log lines', async () => {
    const cwd = await project();
    const up = await cli(cwd, ['-p', name, 'up', '-d'], { MIGRATE_EXIT: '2' });
    expect(up.code).toBe(1);
    const lines = up.err.split('\n');
    const at = lines.findIndex((l) => l.startsWith('slipway: '));
    expect(lines[at]).toBe('slipway: Service migrate exited with code 2; not started: web');
    expect(lines[at + 1]).toBe('Last log lines of migrate:');
    // stdout and stderr are separate pipes: their relative order is not fixed.
    expect(lines.slice(at + 2, at + 4).sort()).toEqual(['  applying 0001', '  relation users already exists']);
  });

  it('-p NAME without a compose file: ps lists the project by its labels, down removes all of it, up is refused', async () => {
    const cwd = await project();
    expect((await cli(cwd, ['-p', name, 'up', '-d', 'db'])).code).toBe(0);
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'slipway-cli-nofile-'));
    try {
      const ps = await cli(elsewhere, ['-p', name, 'ps', '--services']);
      expect(ps.code).toBe(0);
      expect(ps.out.trim()).toBe('db');
      const up = await cli(elsewhere, ['-p', name, 'up', '-d']);
      expect(up.code).toBe(1);
      const down = await cli(elsewhere, ['-p', name, 'down', '-t', '1']);
      expect(down.code).toBe(0);
      expect(down.err).toContain(` Container ${name}-db-1  Removed`);
      expect(await testDocker().listContainers({ all: true, filters: { label: [`com.docker.compose.project=${name}`] } })).toEqual([]);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it('an unknown service is one clear line', async () => {
    const cwd = await project();
    const up = await cli(cwd, ['-p', name, 'up', '-d', 'nope']);
    expect(up.code).toBe(1);
    expect(up.err).toContain('slipway: No such service: "nope"');
  });
});
