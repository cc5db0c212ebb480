import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../support/capture-cli';
import { testDocker, testEnv } from '../../support/engine';
import { bundleCli, removeBundledCli } from '../logs/cli-bundle';
import { tempProject } from './stack-fixtures';

// app starts once db is healthy, and db is healthy only after it said "db-ready": so that line
// comes before "app-done" in time, and an attached up (which shows history merged by time)
// would have printed it before "app-done" had db been attached.
const ATTACH_FILE = `services:
  db:
    image: busybox:latest
    init: true
    command: ["sh", "-c", "echo db-ready; touch /tmp/ready; exec sleep 3600"]
    healthcheck:
      test: ["CMD", "test", "-f", "/tmp/ready"]
      interval: 100ms
      retries: 100
  app:
    image: busybox:latest
    init: true
    command: ["sh", "-c", "echo app-done; exec sleep 3600"]
    depends_on:
      db:
        condition: service_healthy
`;

const RMI_FILE = `services:
  built:
    build:
      context: .
      network: none
    init: true
    command: ["sleep", "3600"]
  pulled:
    image: busybox:latest
    init: true
    command: ["sleep", "3600"]
`;

function cli(cwd: string, argv: string[]) {
  return runCliCaptured({ argv, env: testEnv(), cwd });
}

let cliFile = '';
beforeAll(async () => {
  cliFile = await bundleCli('attach');
});
afterAll(async () => {
  removeBundledCli(cliFile);
});

/** An attached `slipway up` as a process: its stdout read until `until` matches, then Ctrl+C (SIGINT); what it printed. */
function upUntil(cwd: string, argv: string[], until: (out: string) => boolean): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliFile, ...argv], { cwd, env: testEnv(), stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!sent && until(out)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out }));
  });
}

const APP_LINE = /^app\s+\| app-done$/m;
const DB_LINE = /^db\s+\| db-ready$/m;

describe('up --attach / --no-attach / --attach-dependencies, down --rmi', () => {
  const temp = tempProject('attach');
  afterEach(async () => {
    await temp.cleanup();
  });

  async function attachedUp(argv: string[], until: (out: string) => boolean): Promise<string> {
    const cwd = await temp.create(ATTACH_FILE);
    const result = await upUntil(cwd, ['-p', temp.name, 'up', ...argv], until);
    // Ended by Ctrl+C: 130, as Compose.
    expect(result.code).toBe(130);
    return result.out;
  }

  it('up SERVICE shows that service’s logs, not its dependencies’ (Compose’s default)', async () => {
    const out = await attachedUp(['app'], (o) => APP_LINE.test(o));
    expect(out.split('\n')[0]).toBe('Attaching to app-1');
    expect(out).toMatch(APP_LINE);
    expect(out).not.toContain('db-ready');
  });

  it('--attach-dependencies adds the dependencies’ logs', async () => {
    const out = await attachedUp(['--attach-dependencies', 'app'], (o) => APP_LINE.test(o) && DB_LINE.test(o));
    expect(out.split('\n')[0]).toBe('Attaching to app-1, db-1');
    expect(out).toMatch(APP_LINE);
    expect(out).toMatch(DB_LINE);
  });

  it('--no-attach leaves a service out; --attach names the only ones shown', async () => {
    const noDb = await attachedUp(['--no-attach', 'db'], (o) => APP_LINE.test(o));
    expect(noDb).toMatch(APP_LINE);
    expect(noDb).not.toContain('db-ready');
    await temp.cleanup();
    const onlyApp = await attachedUp(['--attach', 'app'], (o) => APP_LINE.test(o));
    expect(onlyApp).toMatch(APP_LINE);
    expect(onlyApp).not.toContain('db-ready');
  });

  it('down --rmi local removes the built image and keeps the pulled one', async () => {
    const cwd = await temp.create(RMI_FILE, { Dockerfile: 'FROM busybox:latest\nCOPY hello.txt /hello.txt\n', 'hello.txt': 'hi\n' });
    const name = temp.name;
    expect((await cli(cwd, ['-p', name, 'up', '-d', '--build'])).code).toBe(0);
    const built = `${name}-built`;
    await testDocker().getImage(built).inspect();
    const down = await cli(cwd, ['-p', name, 'down', '--rmi', 'local']);
    expect(down.code).toBe(0);
    expect(down.err).toContain(`Image ${built}  Removed`);
    await expect(testDocker().getImage(built).inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect((await testDocker().getImage('busybox:latest').inspect()).Id).toMatch(/^sha256:/);
    // all: also each service's image: (here a second name of the stand-in image, so only that tag goes).
    const tagged = `${name}-tagged`;
    await testDocker().getImage('busybox:latest').tag({ repo: tagged, tag: '1' });
    await writeFile(path.join(cwd, 'compose.yaml'), RMI_FILE.replace('image: busybox:latest', `image: ${tagged}:1`));
    expect((await cli(cwd, ['-p', name, 'up', '-d', 'pulled'])).code).toBe(0);
    const all = await cli(cwd, ['-p', name, 'down', '--rmi', 'all']);
    expect(all.code).toBe(0);
    await expect(testDocker().getImage(`${tagged}:1`).inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect((await testDocker().getImage('busybox:latest').inspect()).Id).toMatch(/^sha256:/);
    const bad = await cli(cwd, ['-p', name, 'down', '--rmi', 'some']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--rmi takes local or all');
  });
});
