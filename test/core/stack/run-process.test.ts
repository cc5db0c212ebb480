import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeProjectResources, testDocker, testEnv, uniqueProjectName } from '../../support/engine';
import { bundleCli, removeBundledCli } from '../logs/cli-bundle';

const FILE = `services:
  tool:
    image: busybox:latest
    init: true
    command: ["sleep", "3600"]
`;

const name = uniqueProjectName('runproc');
let cliFile = '';
let dir = '';

beforeAll(async () => {
  cliFile = await bundleCli('run');
  dir = await mkdtemp(path.join(tmpdir(), 'slipway-runproc-'));
  await writeFile(path.join(dir, 'compose.yaml'), FILE);
});

afterAll(async () => {
  await removeProjectResources(testDocker(), name);
  removeBundledCli(cliFile);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('slipway run as a process', () => {
  it('feeds piped stdin to the command', async () => {
    const result = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [cliFile, '-p', name, 'run', '--rm', '-T', 'tool', 'sh', '-c', 'cat; exit 7'], { cwd: dir, env: testEnv(), stdio: ['pipe', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, out }));
      child.stdin.end('piped in\n');
    });
    expect(result).toEqual({ code: 7, out: 'piped in\n' });
  });

  it('forwards Ctrl+C (SIGINT) to the command, whose exit code comes back', async () => {
    const script = 'trap "echo got INT; exit 42" INT; echo ready; sleep 3600 & wait';
    const result = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [cliFile, '-p', name, 'run', '--rm', '-T', 'tool', 'sh', '-c', script], { cwd: dir, env: testEnv(), stdio: ['pipe', 'pipe', 'inherit'] });
      let out = '';
      let sent = false;
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (!sent && out.includes('ready\n')) {
          sent = true;
          child.kill('SIGINT');
        }
      });
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, out }));
    });
    expect(result).toEqual({ code: 42, out: 'ready\ngot INT\n' });
  });
});
