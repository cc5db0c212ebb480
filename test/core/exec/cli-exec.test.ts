import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeProjectResources, testDocker, testEnv, uniqueProjectName } from '../../support/engine';
import { bundleCli, removeBundledCli } from '../logs/cli-bundle';
import { createServiceContainer } from '../logs/labelled-container';

const docker = testDocker();
const name = uniqueProjectName('cliexec');
let cliFile = '';
let dir = '';

beforeAll(async () => {
  cliFile = await bundleCli('exec');
  // No compose file here: -p names the project, as `docker compose -p NAME exec` allows.
  dir = await mkdtemp(path.join(tmpdir(), 'slipway-exec-'));
  await createServiceContainer(docker, name, 'app', 'exec sleep 3600');
});

afterAll(async () => {
  await removeProjectResources(docker, name);
  removeBundledCli(cliFile);
  if (dir) await rm(dir, { recursive: true, force: true });
});

function run(command: string, args: string[], input?: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: dir, env: testEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out, err }));
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

const slipway = (args: string[], input?: string) => run(process.execPath, [cliFile, '-p', name, ...args], input);

describe('slipway exec', () => {
  it('passes the exit code through and keeps stdout and stderr apart with -T', async () => {
    const result = await slipway(['exec', '-T', 'app', 'sh', '-c', 'echo out; echo err >&2; exit 42']);
    expect(result).toMatchObject({ code: 42, out: 'out\n', err: 'err\n' });
  });

  it('feeds stdin, and takes -u, -w and -e before the service (flags after it belong to the command)', async () => {
    const result = await slipway(['exec', '-T', '-u', 'nobody', '-w', '/tmp', '-e', 'WHO=slipway', 'app', 'sh', '-c', 'echo "$WHO $(id -u) $(pwd)"; cat; ls -d /tmp'], 'piped in\n');
    expect(result.code).toBe(0);
    expect(result.out).toBe('slipway 65534 /tmp\npiped in\n/tmp\n');
  });

  it('pipes bytes through unchanged with -T (stdin in, stdout out: not only UTF-8 text)', async () => {
    const bytes = Buffer.from([...Array(256).keys()]);
    const result = await new Promise<{ code: number | null; out: Buffer }>((resolve, reject) => {
      const child = spawn(process.execPath, [cliFile, '-p', name, 'exec', '-T', 'app', 'cat'], { cwd: dir, env: testEnv(), stdio: ['pipe', 'pipe', 'inherit'] });
      const chunks: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => chunks.push(d));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, out: Buffer.concat(chunks) }));
      child.stdin.end(bytes);
    });
    expect(result.code).toBe(0);
    expect(result.out.equals(bytes)).toBe(true);
  });

  it('gives a TTY when stdin is a terminal', async () => {
    const line = `${process.execPath} ${cliFile} -p ${name} exec app sh -c 'tty; exit 3'`;
    const result = await run('script', ['-qec', line, '/dev/null']);
    expect(result.out).toMatch(/\/dev\/pts\/\d+/);
    expect(result.code).toBe(3);
  });

  it('starts a command and returns at once with -d', async () => {
    const detached = await slipway(['exec', '-d', 'app', 'sh', '-c', 'echo detached > /tmp/d.txt']);
    expect(detached).toMatchObject({ code: 0, out: '' });
    const check = await slipway(['exec', '-T', 'app', 'sh', '-c', 'while [ ! -s /tmp/d.txt ]; do sleep 0.1; done; cat /tmp/d.txt']);
    expect(check).toMatchObject({ code: 0, out: 'detached\n' });
  });

  it('says so in one line when the service does not exist', async () => {
    const result = await slipway(['exec', '-T', 'nope', 'true']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^slipway: service "nope" has no container/);
    expect(result.err).not.toMatch(/\n\s+at /);
  });
});
