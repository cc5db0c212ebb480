import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDockerHost } from '../../support/engine';
import { bundleCli, removeBundledCli } from '../logs/cli-bundle';

const SETPRIV = '/usr/bin/setpriv';
let dir: string;
let cli: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'swperm-'));
  chmodSync(dir, 0o755);
  // the CLI (its entry and bundle) where a user without access to this checkout can run it
  const built = await bundleCli('perm');
  for (const name of readdirSync(path.dirname(built))) cpSync(path.join(path.dirname(built), name), path.join(dir, name), { recursive: true });
  removeBundledCli(built);
  cli = path.join(dir, 'slipway.cjs');
  writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  web:\n    image: busybox:latest\n');
  chmodSync(path.join(dir, 'compose.yaml'), 0o644);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function runAsNobody(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(SETPRIV, ['--reuid=65534', '--regid=65534', '--clear-groups', '--', process.execPath, cli, ...args], { cwd: dir, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out: String(stdout), err: String(stderr) });
    });
  });
}

describe('a user who may not use the Docker socket', () => {
  it('is told so, with the docker-group fix, by the doctor', async () => {
    expect(process.getuid?.(), 'this test switches to user nobody and needs root').toBe(0);
    expect(existsSync(SETPRIV), 'setpriv (util-linux) is needed to run as another user').toBe(true);
    const host = testDockerHost();
    expect(host.startsWith('unix://'), 'the test engine must be a unix socket').toBe(true);
    const { code, out, err } = await runAsNobody(['doctor', '--json'], { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, DOCKER_HOST: host });
    expect(err).not.toMatch(/\n\s+at /);
    const report = JSON.parse(out) as { checks: { id: string; status: string; message: string; fix?: { command?: string; label?: string } }[] };
    const reach = report.checks.find((c) => c.id === 'engine.reachable');
    const permission = report.checks.find((c) => c.id === 'engine.socket-permission');
    expect(code).toBe(1);
    expect(reach).toMatchObject({ status: 'fail', message: expect.stringContaining('permission denied') });
    expect(reach?.message).toContain(host);
    expect(permission).toMatchObject({ status: 'fail', fix: { command: 'sudo usermod -aG docker $USER' } });
    expect(permission?.fix?.label).toMatch(/log out and in again/);
  });
});
