import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildKitFiles } from '../../../../electron/core/images/buildkit/synced-dirs';

describe('what BuildKit reads through the session', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function files(tree: Record<string, string>): void {
    dir = mkdtempSync(path.join(os.tmpdir(), 'swsync-'));
    for (const [name, content] of Object.entries(tree)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), content);
    }
  }

  it('Dockerfile.dockerignore beside the Dockerfile replaces .dockerignore; nothing is forced in; secret files stay out', async () => {
    files({
      'docker/app.Dockerfile': 'FROM scratch\n',
      'docker/app.Dockerfile.dockerignore': 'skip.txt\n.dockerignore\n',
      '.dockerignore': 'keep.txt\n',
      'token.txt': 'secret',
    });
    const synced = await buildKitFiles({ contextDir: dir, dockerfile: 'docker/app.Dockerfile' }, [path.join(dir, 'token.txt')]);
    expect(synced.dockerfileName).toBe('app.Dockerfile');
    const context = synced.dirs.get('context');
    expect(['skip.txt', '.dockerignore', 'token.txt', 'keep.txt', 'docker/app.Dockerfile'].map((rel) => context?.excludes(rel))).toEqual([true, true, true, false, false]);
    expect(synced.dirs.get('dockerfile')?.dir).toBe(path.join(dir, 'docker'));
  });

  it('without one, .dockerignore rules; an inline Dockerfile is served from memory, apart from the context', async () => {
    files({ '.dockerignore': 'node_modules\n', 'app.txt': 'a' });
    const synced = await buildKitFiles({ contextDir: dir, dockerfileInline: 'FROM scratch\n' }, []);
    expect(synced.dirs.get('context')?.excludes('node_modules')).toBe(true);
    expect(synced.dirs.get('context')?.excludes('.dockerignore')).toBe(false);
    expect(synced.dockerfileName).toBe('Dockerfile');
    expect([...(synced.dirs.get('dockerfile')?.virtual ?? [])]).toEqual([['Dockerfile', 'FROM scratch\n']]);
  });
});
