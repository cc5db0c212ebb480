import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../support/capture-cli';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import { testEnv, uniqueProjectName } from '../../support/engine';
import { probablyFreePort } from '../../support/processes';

interface Report {
  checks: { id: string; status: string; message: string; fix?: { kind: string; command?: string; actionId?: string } }[];
  summary: { ok: number; warn: number; fail: number };
}

let dir: string;
let home: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'swdoctor-'));
  home = mkdtempSync(path.join(os.tmpdir(), 'swdochome-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

function cli(argv: string[], env: Record<string, string | undefined>) {
  return runCliCaptured({ argv, env, cwd: dir });
}

function compose(port: number, image = 'busybox:latest'): string {
  return `name: ${uniqueProjectName('doc')}
services:
  web:
    image: ${image}
    init: true
    command: ["sleep", "3600"]
    ports: ["127.0.0.1:${port}:80"]
`;
}

const byId = (report: Report, id: string) => report.checks.find((c) => c.id === id);

describe('slipway doctor against the real engine', () => {
  it('passes on a ready project and exits 0', async () => {
    writeFileSync(path.join(dir, 'compose.yaml'), compose(await probablyFreePort()));
    writeFileSync(path.join(dir, '.env.example'), 'GREETING=hello\n');
    writeFileSync(path.join(dir, '.env'), 'GREETING=hi\n');
    const { code, out } = await cli(['doctor', '--json'], testEnv({ HOME: home }));
    const report = JSON.parse(out) as Report;
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(code).toBe(0);
    for (const id of ['engine.reachable', 'engine.socket-permission', 'engine.disk', 'engine.clock', 'project.compose', 'project.env', 'project.ports', 'project.images', 'host.inotify']) {
      expect(byId(report, id)?.status, id).toBe('ok');
    }
    expect(byId(report, 'engine.reachable')?.message).toMatch(/API 1\.\d+/);
  });

  it('fails on a busy port, a missing image and missing variables, then fixes .env itself', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      writeFileSync(path.join(dir, 'compose.yaml'), compose(port, 'slipway-test/absent:1'));
      writeFileSync(path.join(dir, '.env.example'), 'SECRET_KEY=change-me\nDEBUG=1\n');
      const { code, out } = await cli(['doctor', '--json'], testEnv({ HOME: home }));
      const report = JSON.parse(out) as Report;
      expect(code).toBe(1);
      expect(byId(report, 'project.ports')).toMatchObject({ status: 'fail', message: expect.stringContaining(`${port}/tcp (web)`) });
      expect(byId(report, 'project.images')).toMatchObject({ status: 'fail', fix: { command: 'docker pull slipway-test/absent:1' } });
      expect(byId(report, 'project.env')).toMatchObject({ status: 'fail', fix: { kind: 'action', actionId: 'env.create-from-example' } });

      const fixed = await cli(['doctor', '--fix', 'project.env'], testEnv({ HOME: home }));
      expect(fixed.code).toBe(0);
      expect(fixed.out).toMatch(/Wrote 2 key\(s\) from \.env\.example to \.env/);
      expect(readFileSync(path.join(dir, '.env'), 'utf8')).toBe('SECRET_KEY=change-me\nDEBUG=1\n');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('reports an invalid compose file with where and what', async () => {
    writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  web:\n    image: busybox:latest\n    ports: 80\n');
    const { code, out } = await cli(['doctor'], testEnv({ HOME: home }));
    expect(code).toBe(1);
    expect(out).toMatch(/✗ Compose file valid: .*compose\.yaml/);
  });

  it('with no engine at all still runs, fails, and says how to start one', async () => {
    writeFileSync(path.join(dir, 'compose.yaml'), compose(await probablyFreePort()));
    const socket = path.join(home, 'no-engine.sock');
    const { code, out, err } = await cli(['doctor'], { PATH: process.env.PATH, HOME: home, DOCKER_HOST: `unix://${socket}` });
    expect(code).toBe(1);
    expect(err).toBe('');
    expect(out).toContain(`✗ Docker engine reachable: Cannot reach the Docker engine at unix://${socket} (from DOCKER_HOST)`);
    expect(out).toMatch(/fix: .*(systemctl start docker|dockerd|colima start|slipway host start)/);
    expect(out).toMatch(/Compose file valid/);
    expect(out).not.toMatch(/\n\s+at /);
  });

  it('doctor.run and doctor.fix through the contract', async () => {
    writeFileSync(path.join(dir, 'compose.yaml'), compose(await probablyFreePort()));
    writeFileSync(path.join(dir, '.env.example'), 'TOKEN=\n');
    const core = new SlipwayCore({ env: testEnv({ HOME: home }) });
    try {
      const opened = await core.call('projects.open', { path: dir });
      if (!opened.ok) throw new Error(opened.error.message);
      const projectId = (opened.value as { projectId: string }).projectId;
      const run = await core.call('doctor.run', { projectId });
      if (!run.ok) throw new Error(run.error.message);
      expect((run.value as Report).checks.find((c) => c.id === 'project.env')?.status).toBe('fail');
      const fix = await core.call('doctor.fix', { checkId: 'project.env', projectId });
      expect(fix).toMatchObject({ ok: true, value: { done: true, check: { status: 'ok' } } });
      expect(existsSync(path.join(dir, '.env'))).toBe(true);
      // a folder not opened yet, as the first-run flow checks it
      rmSync(path.join(dir, '.env'));
      const byPath = await core.call('doctor.run', { path: dir });
      expect(((byPath as { value: unknown }).value as Report).checks.find((c) => c.id === 'project.env')?.status).toBe('fail');
      const fixByPath = await core.call('doctor.fix', { checkId: 'project.env', path: dir });
      expect(fixByPath).toMatchObject({ ok: true, value: { done: true } });
      const empty = await core.call('doctor.run', { path: home });
      expect(((empty as { value: unknown }).value as Report).checks.find((c) => c.id === 'project.compose')).toMatchObject({ status: 'fail', message: expect.stringContaining('no compose file') });
      const unknown = await core.call('doctor.fix', { checkId: 'nope' });
      expect(unknown).toMatchObject({ ok: false, error: { code: 'doctor_check_not_found' } });
    } finally {
      await core.dispose();
    }
  });
});
