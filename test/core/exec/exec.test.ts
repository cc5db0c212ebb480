import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExec, type ExecProcess } from '../../../electron/core/exec/exec-process';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import { removeProjectResources, testDocker, testEnv, uniqueProjectName } from '../../support/engine';
import { createServiceContainer } from '../logs/labelled-container';

const docker = testDocker();
const name = uniqueProjectName('exec');

beforeAll(async () => {
  await createServiceContainer(docker, name, 'app', 'exec sleep 3600');
  await createServiceContainer(docker, name, 'off', 'true', { start: false });
});

afterAll(async () => {
  await removeProjectResources(docker, name);
});

function collect(proc: ExecProcess): { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { out: () => out, err: () => err };
}

/** Resolves when `text` has appeared in the process's stdout. */
function seen(proc: ExecProcess, text: string | RegExp): Promise<string> {
  let buffer = '';
  return new Promise((resolve) => {
    const onData = (d: Buffer) => {
      buffer += d.toString();
      const hit = typeof text === 'string' ? buffer.includes(text) : text.test(buffer);
      if (!hit) return;
      proc.stdout.off('data', onData);
      resolve(buffer);
    };
    proc.stdout.on('data', onData);
  });
}

describe('exec in a service container', () => {
  it('passes exit codes through', async () => {
    for (const [command, code] of [[['true'], 0], [['sh', '-c', 'exit 7'], 7], [['sh', '-c', 'kill -9 $$'], 137]] as const) {
      const proc = await startExec(docker, { projectId: name, service: 'app', command: [...command], tty: false });
      proc.endInput();
      expect(await proc.exitCode).toBe(code);
    }
    const missing = await startExec(docker, { projectId: name, service: 'app', command: ['no-such-binary'], tty: false });
    expect(await missing.exitCode).toBeGreaterThanOrEqual(126);
  });

  it('keeps stdout and stderr apart without a TTY, and feeds stdin', async () => {
    const proc = await startExec(docker, { projectId: name, service: 'app', command: ['sh', '-c', 'echo to-out; echo to-err >&2; cat'], tty: false });
    const io = collect(proc);
    proc.write('from stdin\n');
    proc.endInput();
    expect(await proc.exitCode).toBe(0);
    expect(io.out()).toBe('to-out\nfrom stdin\n');
    expect(io.err()).toBe('to-err\n');
  });

  it('honours user, workdir and env', async () => {
    const proc = await startExec(docker, { projectId: name, service: 'app', command: ['sh', '-c', 'echo "$GREETING"; id -u; pwd'], tty: false, user: 'nobody', workdir: '/tmp', env: { GREETING: 'hello there' } });
    const io = collect(proc);
    proc.endInput();
    expect(await proc.exitCode).toBe(0);
    expect(io.out()).toBe('hello there\n65534\n/tmp\n');
  });

  it('gives a TTY of the asked size and resizes it', async () => {
    const proc = await startExec(docker, { projectId: name, service: 'app', command: ['sh'], tty: true, cols: 100, rows: 30 });
    proc.write('tty; stty size\n');
    const first = await seen(proc, /30 100/);
    expect(first).toMatch(/\/dev\/pts\/\d+/);
    await proc.resize(120, 40);
    proc.write('stty size; exit 3\n');
    await seen(proc, /40 120/);
    expect(await proc.exitCode).toBe(3);
  });

  it('says clearly when the service is not running or does not exist', async () => {
    await expect(startExec(docker, { projectId: name, service: 'off', command: ['true'], tty: false })).rejects.toThrow(/service "off" is not running/);
    await expect(startExec(docker, { projectId: name, service: 'nope', command: ['true'], tty: false })).rejects.toThrow(/service "nope" has no container/);
  });

  it('runs through the contract: exec.start, exec.output, exec.exit', async () => {
    const core = new SlipwayCore({ env: testEnv() });
    try {
      let output = '';
      const exited = new Promise<number>((resolve) => {
        core.events.on('exec.exit', (e) => resolve(e.exitCode));
      });
      core.events.on('exec.output', (e) => (output += e.data));
      const started = await core.call('exec.start', { projectId: name, service: 'app', command: ['sh', '-c', 'read line; echo "got $line"; exit 5'], tty: false });
      expect(started.ok).toBe(true);
      const sessionId = (started as { value: { sessionId: string } }).value.sessionId;
      expect((await core.call('exec.input', { sessionId, data: 'ping\n' })).ok).toBe(true);
      expect(await exited).toBe(5);
      expect(output).toBe('got ping\n');
      const gone = await core.call('exec.input', { sessionId, data: 'x' });
      expect(gone).toMatchObject({ ok: false, error: { code: 'no_exec_session' } });
    } finally {
      await core.dispose();
    }
  });
});
