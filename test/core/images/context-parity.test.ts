import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, linkSync, mkdirSync, symlinkSync, utimesSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import { createBuildContext } from '../../../electron/core/images/build-context';
import { tempProject } from './images-fixture';

const DOCKER_CLI = ['/usr/bin/docker', '/usr/local/bin/docker'].find((p) => existsSync(p));

interface Entry {
  name: string;
  type: string;
  mode: number;
  size: number;
  linkname: string;
  mtime: number;
  uid: number;
  gid: number;
}

async function entries(tar: Buffer): Promise<Entry[]> {
  const list: Entry[] = [];
  const reader = extract();
  const done = new Promise<void>((resolve, reject) => {
    reader.on('finish', () => resolve());
    reader.on('error', reject);
  });
  reader.on('entry', (h, body, next) => {
    list.push({ name: h.name, type: h.type, mode: h.mode & 0o7777, size: h.size, linkname: h.linkname ?? '', mtime: h.mtime.getTime(), uid: h.uid, gid: h.gid });
    body.on('end', () => next());
    body.resume();
  });
  Readable.from([tar]).pipe(reader as unknown as NodeJS.WritableStream);
  await done;
  return list;
}

/** A stand-in engine that answers the CLI's ping and keeps the body of its POST /build. */
function captureServer(socket: string): Promise<{ body: () => Buffer | undefined; close(): Promise<void> }> {
  let captured: Buffer | undefined;
  const server = http.createServer((req, res) => {
    if (req.url?.endsWith('/_ping')) {
      res.writeHead(200, { 'API-Version': '1.41', 'Content-Type': 'text/plain' });
      res.end(req.method === 'HEAD' ? undefined : 'OK');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (/\/build/.test(req.url ?? '')) captured = Buffer.concat(chunks);
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end('{"message":"captured by the test"}');
    });
  });
  return new Promise((resolve) => {
    server.listen(socket, () => resolve({ body: () => captured, close: () => new Promise((r) => server.close(() => r())) }));
  });
}

describe('the build context is what the Docker CLI sends', () => {
  const project = tempProject({
    'docker/Dockerfile': 'FROM busybox:latest\nCOPY . /app\n',
    '.dockerignore': [
      '# dependencies',
      'node_modules',
      '!node_modules/keep',
      '**/*.tmp',
      '*.log',
      '!important.log',
      'docker',
      '/secret',
      'build/',
      'dir/*/deep',
      '  spaced  ',
      '',
    ].join('\n'),
    'node_modules/a/index.js': 'a',
    'node_modules/keep/index.js': 'keep',
    'a/b/c.tmp': 'tmp',
    'a/b/c.txt': 'txt',
    'x.log': 'log',
    'important.log': 'important',
    'logs/y.log': 'nested log is kept',
    'docker/other.txt': 'ignored with its folder',
    secret: 'secret',
    'sub/secret': 'kept: only the root one is ignored',
    'build/out.js': 'out',
    'dir/one/deep/file': 'deep',
    'dir/one/other': 'other',
    spaced: 'trimmed pattern',
    'src/app.js': 'app',
    [`long/${'d'.repeat(90)}/${'e'.repeat(70)}/file.txt`]: 'long name',
  });

  beforeAll(() => {
    mkdirSync(path.join(project.dir, 'empty'));
    chmodSync(path.join(project.dir, 'src/app.js'), 0o750);
    symlinkSync('app.js', path.join(project.dir, 'src/link'));
    linkSync(path.join(project.dir, 'src/app.js'), path.join(project.dir, 'src/hard'));
    utimesSync(path.join(project.dir, 'a/b/c.txt'), 1_700_000_000.5, 1_700_000_000.5);
  });

  afterAll(() => project.cleanup());

  it('sends the same entries and the same number of bytes', async () => {
    if (!DOCKER_CLI) throw new Error('The docker CLI is not installed (Debian package docker.io); this test compares against it.');
    const socket = path.join(project.dir, '..', `${path.basename(project.dir)}.sock`);
    const server = await captureServer(socket);
    try {
      await new Promise<void>((resolve) => {
        execFile(DOCKER_CLI, ['build', '-f', path.join(project.dir, 'docker/Dockerfile'), project.dir], { env: { PATH: process.env.PATH, HOME: project.dir, DOCKER_HOST: `unix://${socket}`, DOCKER_BUILDKIT: '0' } }, () => resolve());
      });
      const theirs = server.body();
      expect(theirs, 'the docker CLI sent no build context').toBeDefined();
      const ours = await createBuildContext({ contextDir: project.dir, dockerfile: 'docker/Dockerfile' });
      const chunks: Buffer[] = [];
      for await (const chunk of ours.stream) chunks.push(chunk as Buffer);
      const mine = Buffer.concat(chunks);
      const list = await entries(mine);
      expect(list).toEqual(await entries(theirs as Buffer));
      const names = list.map((e) => e.name);
      expect(names).toEqual(expect.arrayContaining(['docker/Dockerfile', '.dockerignore', 'node_modules/keep/index.js', 'important.log', 'logs/y.log', 'sub/secret', 'dir/one/other', 'src/link', 'src/hard', 'empty/']));
      for (const gone of ['node_modules/a/index.js', 'a/b/c.tmp', 'x.log', 'docker/other.txt', 'secret', 'build/out.js', 'dir/one/deep/file', 'spaced']) expect(names).not.toContain(gone);
      expect(mine.length).toBe((theirs as Buffer).length);
    } finally {
      await server.close();
    }
  });
});
