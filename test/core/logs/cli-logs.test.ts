import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run-cli';
import { removeProjectResources, testDocker, testEnv, uniqueProjectName } from '../../support/engine';
import { bundleCli, removeBundledCli } from './cli-bundle';

// stderr is written first: Docker copies stdout and stderr to the log file separately, so
// lines written at the same moment may land in either order, and --tail 1 must be "green".
const FILE = `services:
  chatty:
    image: busybox:latest
    init: true
    command: ["sh", "-c", "echo 'oops on stderr' >&2; seq 1 20000 | sed 's/^/chatty /'; printf '\\\\033[32mgreen\\\\033[0m\\\\n'; touch /tmp/done; exec sleep 3600"]
    healthcheck: { test: ["CMD", "test", "-f", "/tmp/done"], interval: 1s, retries: 60 }
    stop_grace_period: 1s
  quiet:
    image: busybox:latest
    init: true
    command: ["sh", "-c", "echo hello from quiet; exec sleep 3600"]
    stop_grace_period: 1s
  ticker:
    image: busybox:latest
    init: true
    command: ["sh", "-c", "i=0; while true; do echo tick $$i; i=$$((i+1)); sleep 0.2; done"]
    stop_grace_period: 1s
`;

const docker = testDocker();
const name = uniqueProjectName('clilogs');
let dir = '';

async function cli(argv: string[], tty = false) {
  const stdout = Object.assign(new PassThrough(), { isTTY: tty });
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await runCli({ argv: ['-p', name, ...argv], env: testEnv(), cwd: dir, stdout, stderr });
  return { code, out, err, lines: out.split('\n').filter((l) => l !== '') };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'slipway-logs-'));
  await writeFile(path.join(dir, 'compose.yaml'), FILE);
  // chatty is healthy once it has written everything.
  const up = await cli(['up', '-d', '--wait']);
  expect(up.code, up.err).toBe(0);
});

afterAll(async () => {
  await removeProjectResources(docker, name);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('slipway logs', () => {
  it('prints every line of every service, stderr too, prefixed and padded like Compose', async () => {
    const { code, lines } = await cli(['logs']);
    expect(code).toBe(0);
    const chatty = lines.filter((l) => l.startsWith('chatty | chatty '));
    expect(chatty).toHaveLength(20_000);
    expect(chatty.map((l) => l.slice('chatty | chatty '.length))).toEqual(chatty.map((_, i) => String(i + 1)));
    expect(lines).toContain('chatty | oops on stderr');
    expect(lines).toContain('quiet  | hello from quiet');
    expect(lines.some((l) => /^ticker \| tick \d+$/.test(l))).toBe(true);
    expect(lines.every((l) => /^(chatty|quiet |ticker) \| /.test(l))).toBe(true);
    // ANSI in the lines is kept unless --no-color.
    expect(lines).toContain('chatty | \u001b[32mgreen\u001b[0m');
  });

  it('takes --tail per service, services by name, --grep, --no-color and -t', async () => {
    const tail = await cli(['logs', '--tail', '2', 'chatty', 'quiet']);
    expect(tail.lines).toHaveLength(3);
    expect(tail.lines).toContain('quiet  | hello from quiet');
    expect(tail.lines.filter((l) => l.startsWith('chatty | '))).toHaveLength(2);
    expect(tail.lines).toContain('chatty | \u001b[32mgreen\u001b[0m');
    const grep = await cli(['logs', '--grep', '^chatty 1999[0-9]$', '--no-color']);
    expect(grep.lines).toEqual([...Array(10).keys()].map((i) => `chatty | chatty ${19990 + i}`));
    const plain = await cli(['logs', '--no-color', '--tail', '1', 'chatty']);
    expect(plain.lines).toEqual(['chatty | green']);
    const stamped = await cli(['logs', '-t', '--tail', '1', 'quiet']);
    expect(stamped.lines[0]).toMatch(/^quiet \| \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z hello from quiet$/);
  });

  it('takes --since as a duration or a time', async () => {
    const recent = await cli(['logs', '--since', '1h', 'quiet']);
    expect(recent.lines).toEqual(['quiet | hello from quiet']);
    const future = await cli(['logs', '--since', '2099-01-01T00:00:00Z']);
    expect(future).toMatchObject({ code: 0, out: '' });
    const bad = await cli(['logs', '--since', 'yesterday-ish']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/Cannot read --since "yesterday-ish"/);
  });

  it('colours each service prefix differently on a terminal', async () => {
    const { lines } = await cli(['logs', '--tail', '1'], true);
    const colours = new Map<string, string>();
    for (const line of lines) {
      // eslint-disable-next-line no-control-regex
      const m = /^\u001b\[38;5;(\d+)m(\w+)\s*\| \u001b\[0m/.exec(line);
      expect(m, line).not.toBeNull();
      colours.set(m?.[2] ?? '', m?.[1] ?? '');
    }
    expect(colours.size).toBe(3);
    expect(new Set(colours.values()).size).toBe(3);
  });

  it('refuses an unknown service and a bad --tail with one clear line', async () => {
    const unknown = await cli(['logs', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/no such service: nope/);
    const bad = await cli(['logs', '--tail', 'lots']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/--tail takes a number/);
  });

  it('-f keeps following, across a restart, until interrupted', async () => {
    const file = await bundleCli('logs');
    const child = spawn(process.execPath, [file, '-p', name, 'logs', '-f', '--tail', '0', 'ticker'], { cwd: dir, env: testEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let check: (() => void) | undefined;
    // One listener for the whole run: a flowing stream drops what no listener takes.
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      check?.();
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const waitOut = (test: (text: string) => boolean) => new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out; stdout so far:\n${out}\nstderr:\n${err}`)), 60_000);
      check = () => {
        if (!test(out)) return;
        clearTimeout(timer);
        check = undefined;
        resolve();
      };
      check();
    });
    try {
      await waitOut((text) => (text.match(/ticker \| tick \d+\n/g) ?? []).length >= 3);
      await docker.getContainer(`${name}-ticker-1`).restart({ t: 0 });
      await waitOut((text) => /restarted/.test(text) && /── ticker restarted ──\n(.*\n)*ticker \| tick 2\n/.test(text));
    } finally {
      child.kill('SIGINT');
    }
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    const lines = out.split('\n').filter((l) => l !== '');
    expect(lines.every((l) => l.startsWith('ticker | '))).toBe(true);
    // --tail 0: no history replayed, the first line is a fresh tick.
    expect(lines[0]).not.toBe('ticker | tick 0');
    removeBundledCli(file);
  });
});
