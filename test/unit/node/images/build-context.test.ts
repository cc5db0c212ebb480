import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extract } from 'tar-stream';
import { createBuildContext } from '../../../../electron/core/images/build-context';

interface Entry {
  name: string;
  type: string;
  mode: number;
  size: number;
  linkname?: string;
  uid: number;
  mtime: number;
  body: string;
}

async function entriesOf(stream: NodeJS.ReadableStream): Promise<Entry[]> {
  const entries: Entry[] = [];
  const reader = extract();
  const done = new Promise<void>((resolve, reject) => {
    reader.on('finish', () => resolve());
    reader.on('error', reject);
  });
  reader.on('entry', (header, body, next) => {
    let text = '';
    body.on('data', (chunk: unknown) => {
      text += (chunk as Buffer).toString('utf8');
    });
    body.on('end', () => {
      entries.push({ name: header.name, type: header.type, mode: header.mode, size: header.size, linkname: header.linkname ?? undefined, uid: header.uid, mtime: header.mtime.getTime(), body: text } as Entry);
      next();
    });
  });
  stream.pipe(reader as unknown as NodeJS.WritableStream);
  await done;
  return entries;
}

describe('the build context tar', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function files(tree: Record<string, string>): void {
    dir = mkdtempSync(path.join(os.tmpdir(), 'swctx-'));
    for (const [name, content] of Object.entries(tree)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), content);
    }
  }

  it('walks in byte order, skips ignored folders, keeps modes, links and whole-second mtimes, owner 0', async () => {
    files({
      Dockerfile: 'FROM scratch\n',
      '.dockerignore': 'node_modules\n*.log\n',
      'b/run.sh': '#!/bin/sh\n',
      'a.txt': 'a',
      'B.txt': 'B',
      'node_modules/x/index.js': 'x',
      'debug.log': 'noise',
      'logs/deep.log': 'kept',
    });
    chmodSync(path.join(dir, 'b/run.sh'), 0o750);
    symlinkSync('a.txt', path.join(dir, 'link'));
    linkSync(path.join(dir, 'a.txt'), path.join(dir, 'hard'));
    utimesSync(path.join(dir, 'B.txt'), 1_700_000_000.75, 1_700_000_000.75);
    const context = await createBuildContext({ contextDir: dir });
    const entries = await entriesOf(context.stream);
    expect(entries.map((e) => e.name)).toEqual(['.dockerignore', 'B.txt', 'Dockerfile', 'a.txt', 'b/', 'b/run.sh', 'hard', 'link', 'logs/', 'logs/deep.log']);
    const byName = Object.fromEntries(entries.map((e) => [e.name, e]));
    expect(byName['b/run.sh']?.mode).toBe(0o750);
    expect(byName.link).toMatchObject({ type: 'symlink', linkname: 'a.txt' });
    expect(byName.hard).toMatchObject({ type: 'link', linkname: 'a.txt' });
    expect(byName['B.txt']?.mtime).toBe(1_700_000_000_000);
    expect(entries.every((e) => e.uid === 0)).toBe(true);
    expect(context.dockerfileName).toBe('Dockerfile');
    expect(context.stats.bytes % 512).toBe(0);
    expect(context.stats.entries).toBe(entries.length);
  });

  it('sends a Dockerfile from outside the context, or an inline one, under a generated name listed in .dockerignore', async () => {
    files({ 'ctx/app.txt': 'x', 'other/Dockerfile': 'FROM scratch\nCOPY app.txt /\n' });
    const context = await createBuildContext({ contextDir: path.join(dir, 'ctx'), dockerfile: '../other/Dockerfile' });
    expect(context.dockerfileName).toMatch(/^\.dockerfile\.[0-9a-f]{20}$/);
    const entries = await entriesOf(context.stream);
    expect(entries.find((e) => e.name === context.dockerfileName)?.body).toBe('FROM scratch\nCOPY app.txt /\n');
    expect(entries.find((e) => e.name === '.dockerignore')?.body).toBe(`.dockerignore\n${context.dockerfileName}\n`);

    const inline = await createBuildContext({ contextDir: path.join(dir, 'ctx'), dockerfileInline: 'FROM scratch\n' });
    const inlineEntries = await entriesOf(inline.stream);
    expect(inlineEntries.find((e) => e.name === inline.dockerfileName)?.body).toBe('FROM scratch\n');
  });

  it('says which Dockerfile is missing', async () => {
    files({ 'app.txt': 'x' });
    await expect(createBuildContext({ contextDir: dir, dockerfile: 'docker/Dockerfile.dev', service: 'web' })).rejects.toThrow(/service web: cannot read the Dockerfile .*docker\/Dockerfile\.dev/);
  });

  it('streams a large file without reading it whole', async () => {
    files({ Dockerfile: 'FROM scratch\n' });
    writeFileSync(path.join(dir, 'big.bin'), Buffer.alloc(3 * 1024 * 1024, 7));
    const context = await createBuildContext({ contextDir: dir });
    let bytes = 0;
    for await (const chunk of context.stream) bytes += (chunk as Buffer).length;
    expect(bytes).toBe(context.stats.bytes);
    expect(bytes).toBe(512 + 512 + 512 + 3 * 1024 * 1024 + 1024);
  });
});
