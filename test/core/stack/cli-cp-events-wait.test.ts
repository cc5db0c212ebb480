import { spawn } from 'node:child_process';
import { mkdir, readFile, readlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { extract, pack } from 'tar-stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execInContainer } from '../../../electron/core/watch/container-exec';
import { runCliCaptured } from '../../support/capture-cli';
import { testDocker, testEnv } from '../../support/engine';
import { bundleCli, removeBundledCli } from '../logs/cli-bundle';
import { tempProject } from './stack-fixtures';

const FILE = `services:
  web:
    image: busybox:latest
    init: true
    command: ["sleep", "3600"]
  job:
    image: busybox:latest
    # Ends by itself, a while after up, so that wait (started right after up) is waiting when it does.
    command: ["sh", "-c", "sleep 3; exit 3"]
    profiles: [jobs]
`;

function cli(cwd: string, argv: string[]) {
  return runCliCaptured({ argv, env: testEnv(), cwd });
}

/** A file's text in a container (execInContainer's output comes trimmed). */
async function catInContainer(container: string, file: string): Promise<string> {
  const result = await execInContainer(testDocker(), container, { command: ['cat', file] });
  return result.output;
}

/** The entries of a tar: name → content. */
async function untar(bytes: Buffer): Promise<Map<string, string>> {
  const entries = new Map<string, string>();
  const unpack = extract();
  unpack.end(bytes);
  for await (const entry of unpack) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(Buffer.from(chunk as Uint8Array));
    entries.set(entry.header.name, Buffer.concat(chunks).toString('utf8'));
  }
  return entries;
}

let cliFile = '';
beforeAll(async () => {
  cliFile = await bundleCli('cp');
});
afterAll(async () => {
  removeBundledCli(cliFile);
});

describe('cp, events and wait on the real engine', () => {
  const temp = tempProject('cpev');
  afterEach(async () => {
    await temp.cleanup();
  });

  it('cp copies a file and a folder into a service container and back out, and a tar to stdout', async () => {
    const cwd = await temp.create(FILE, { 'note.txt': 'hello from the host\n' });
    const name = temp.name;
    expect((await cli(cwd, ['-p', name, 'up', '-d', 'web'])).code).toBe(0);
    const container = `${name}-web-1`;

    const file = await cli(cwd, ['-p', name, 'cp', 'note.txt', 'web:/tmp/copied.txt']);
    expect(file.code).toBe(0);
    expect(file.err).toContain(`Container ${container}  Copied`);
    expect(await catInContainer(container, '/tmp/copied.txt')).toBe('hello from the host');

    await mkdir(path.join(cwd, 'site', 'sub'), { recursive: true });
    await writeFile(path.join(cwd, 'site', 'sub', 'page.html'), '<p>deep</p>\n');
    expect((await cli(cwd, ['-p', name, 'cp', 'site', 'web:/tmp/'])).code).toBe(0);
    expect(await catInContainer(container, '/tmp/site/sub/page.html')).toBe('<p>deep</p>');

    // Out again, to a folder that does not exist yet: it takes the new name, as docker cp does.
    expect((await cli(cwd, ['-p', name, 'cp', 'web:/tmp/site', 'back'])).code).toBe(0);
    expect(await readFile(path.join(cwd, 'back', 'sub', 'page.html'), 'utf8')).toBe('<p>deep</p>\n');
    // A file into an existing folder keeps its name.
    expect((await cli(cwd, ['-p', name, 'cp', 'web:/tmp/copied.txt', 'back'])).code).toBe(0);
    expect(await readFile(path.join(cwd, 'back', 'copied.txt'), 'utf8')).toBe('hello from the host\n');

    const tar = await runCliCapturedBytes(cwd, ['-p', name, 'cp', 'web:/tmp/copied.txt', '-']);
    expect(tar.code).toBe(0);
    expect(await untar(tar.out)).toEqual(new Map([['copied.txt', 'hello from the host\n']]));
  });

  it('cp SRC/. copies a folder’s contents; -L follows a symlink, without it the link is copied', async () => {
    const cwd = await temp.create(FILE);
    const name = temp.name;
    expect((await cli(cwd, ['-p', name, 'up', '-d', 'web'])).code).toBe(0);
    const container = `${name}-web-1`;
    await execInContainer(testDocker(), container, { command: ['sh', '-c', 'mkdir -p /srv/in && echo one > /srv/in/a.txt && echo target > /srv/t.txt && ln -s /srv/t.txt /srv/link'] });
    await mkdir(path.join(cwd, 'existing'));
    expect((await cli(cwd, ['-p', name, 'cp', 'web:/srv/in/.', 'existing'])).code).toBe(0);
    expect(await readFile(path.join(cwd, 'existing', 'a.txt'), 'utf8')).toBe('one\n');
    expect((await cli(cwd, ['-p', name, 'cp', '-L', 'web:/srv/link', 'followed'])).code).toBe(0);
    expect(await readFile(path.join(cwd, 'followed'), 'utf8')).toBe('target\n');
    expect((await cli(cwd, ['-p', name, 'cp', 'web:/srv/link', 'kept'])).code).toBe(0);
    expect(await readlink(path.join(cwd, 'kept'))).toBe('/srv/t.txt');
  });

  it('cp - SERVICE:DIR unpacks a tar read from stdin', async () => {
    const cwd = await temp.create(FILE);
    const name = temp.name;
    expect((await cli(cwd, ['-p', name, 'up', '-d', 'web'])).code).toBe(0);
    const archive = pack();
    archive.entry({ name: 'from-stdin.txt' }, 'piped in\n');
    archive.finalize();
    const bytes: Buffer[] = [];
    for await (const chunk of archive) bytes.push(Buffer.from(chunk as Uint8Array));
    const result = await new Promise<{ code: number | null; err: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [cliFile, '-p', name, 'cp', '-', 'web:/tmp'], { cwd, env: testEnv(), stdio: ['pipe', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, err }));
      child.stdin.end(Buffer.concat(bytes));
    });
    expect(result).toEqual({ code: 0, err: '' });
    expect(await catInContainer(`${name}-web-1`, '/tmp/from-stdin.txt')).toBe('piped in');
  });

  it('cp says what is missing: a path in the container, a service, a service side', async () => {
    const cwd = await temp.create(FILE);
    const name = temp.name;
    expect((await cli(cwd, ['-p', name, 'up', '-d', 'web'])).code).toBe(0);
    const missing = await cli(cwd, ['-p', name, 'cp', 'web:/no/such/file', 'out']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`no such file or directory in ${name}-web-1: /no/such/file`);
    const service = await cli(cwd, ['-p', name, 'cp', 'nope:/etc/passwd', 'out']);
    expect(service.code).toBe(1);
    expect(service.err).toContain('no such service: nope');
    const local = await cli(cwd, ['-p', name, 'cp', 'a', 'b']);
    expect(local.code).toBe(1);
    expect(local.err).toContain('must name a service');
    expect(missing.err + service.err + local.err).not.toMatch(/\n\s+at /);
  });

  it('events --json replays the project’s container events with Compose’s fields', async () => {
    const cwd = await temp.create(FILE);
    const name = temp.name;
    const since = (Date.now() / 1000 - 1).toFixed(3);
    expect((await cli(cwd, ['-p', name, 'up', '-d', 'web'])).code).toBe(0);
    const until = (Date.now() / 1000 + 1).toFixed(3);
    const events = await cli(cwd, ['-p', name, 'events', '--json', '--since', since, '--until', until]);
    expect(events.code).toBe(0);
    const lines = events.out.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const start = lines.find((e) => e.action === 'start');
    const id = (await testDocker().getContainer(`${name}-web-1`).inspect()).Id;
    expect(start).toMatchObject({ type: 'container', service: 'web', id, attributes: { name: `${name}-web-1`, image: 'busybox:latest' } });
    expect(Object.keys(start ?? {})).toEqual(['action', 'attributes', 'id', 'service', 'time', 'type']);
    expect(String(start?.time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/);
    expect(Object.keys((start?.attributes ?? {}) as object).some((k) => k.startsWith('com.docker.compose.'))).toBe(false);
    const text = await cli(cwd, ['-p', name, 'events', '--since', since, '--until', until, 'web']);
    expect(text.out).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6} container start ${id} \\(.*name=${name}-web-1.*\\)$`, 'm'));
  });

  it('wait blocks until the service’s containers stop and exits with the exit code', async () => {
    const cwd = await temp.create(FILE);
    const name = temp.name;
    expect((await cli(cwd, ['-p', name, 'up', '-d', 'job'])).code).toBe(0);
    const id = (await testDocker().getContainer(`${name}-job-1`).inspect()).Id;
    const result = await cli(cwd, ['-p', name, 'wait', 'job']);
    expect(result.out).toBe(`container "${id}" exited with status code 3\n`);
    expect(result.code).toBe(3);
    const nothing = await cli(cwd, ['-p', name, 'wait', 'job']);
    expect(nothing.code).toBe(1);
    expect(nothing.err).toContain(`no containers for project "${name}"`);
  });
});

/** runCliCaptured with stdout kept as bytes (a tar). */
async function runCliCapturedBytes(cwd: string, argv: string[]): Promise<{ code: number; out: Buffer }> {
  const { PassThrough } = await import('node:stream');
  const { runCli } = await import('../../../electron/cli/run-cli');
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (d: Buffer) => chunks.push(d));
  const code = await runCli({ argv, env: testEnv(), cwd, stdout, stderr: new PassThrough() });
  return { code, out: Buffer.concat(chunks) };
}
