import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectDir } from './helpers';

const run = promisify(execFile);
const repo = path.resolve(__dirname, '../../../..');
const fixture = path.join(repo, 'test/fixtures/compose/cli-project');
const bin = path.join(repo, 'bin/slipway.cjs');
const homeDir = mkdtempSync(path.join(os.tmpdir(), 'slipway-home-'));

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function slipway(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Result> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: homeDir, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('slipway config (the built CLI)', () => {
  beforeAll(async () => {
    await run(process.execPath, [path.join(repo, 'scripts/build.mjs'), 'cli'], { cwd: repo });
  }, 180_000);

  afterAll(() => {
    rmSync(homeDir, { recursive: true, force: true });
  });

  it('--json prints the resolved project as `docker compose config --format json` does', async () => {
    const result = await slipway(['config', '--json'], fixture);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const expected = JSON.parse(readFileSync(path.join(fixture, 'expected.json'), 'utf8').replaceAll('<DIR>', fixture)) as unknown;
    expect(JSON.parse(result.stdout)).toEqual(expected);
  }, 60_000);

  it('prints YAML by default, --services and --profiles lists', async () => {
    const yaml = await slipway(['config'], fixture);
    expect(yaml.code).toBe(0);
    expect(yaml.stdout).toContain('name: cli-demo\n');
    expect(yaml.stdout).toContain('PRICE: $$5');
    expect((await slipway(['config', '--services'], fixture)).stdout).toBe('db\nweb\n');
    expect((await slipway(['--profile', 'tools', 'config', '--services'], fixture)).stdout).toBe('adminer\ndb\nweb\n');
    expect((await slipway(['config', '--profiles'], fixture)).stdout).toBe('tools\n');
    expect((await slipway(['config', '--volumes'], fixture)).stdout).toBe('pgdata\n');
    expect((await slipway(['config', '--images'], fixture)).stdout).toBe('postgres:16\ncli-demo-web\n');
  }, 60_000);

  it('global flags come before the subcommand: -f, -p, --env-file', async () => {
    const dir = projectDir({ 'a.yaml': 'services:\n  s:\n    image: "img:${TAG}"\n', 'vars.env': 'TAG=9\n' });
    const result = await slipway(['-f', 'a.yaml', '-p', 'named', '--env-file', 'vars.env', 'config', '--json'], dir);
    expect(result.code).toBe(0);
    const model = JSON.parse(result.stdout) as { name: string; services: Record<string, { image: string }> };
    expect(model.name).toBe('named');
    expect(model.services.s?.image).toBe('img:9');
  }, 60_000);

  it('a broken file is one clear line on stderr and exit code 1', async () => {
    const dir = projectDir({ 'compose.yaml': 'services:\n  web:\n    image: a\n    depends_on:\n      db:\n        condition: started\n  db:\n    image: b\n' });
    const result = await slipway(['config'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe('slipway: compose.yaml:6:9: services.web.depends_on.db.condition must be one of service_started, service_healthy, service_completed_successfully');
  }, 60_000);
});
