import { describe, expect, it } from 'vitest';
import { followPaths } from '../../../../electron/core/images/buildkit/follow-paths';

describe('followpaths, as the engine names the parts of a folder it wants', () => {
  it('names a path, everything below it, and leads the walk only into folders that may hold it', () => {
    const follow = followPaths(['src', 'docs/*.md', 'Dockerfile']);
    expect(['src', 'src/a/b.js', 'docs/a.md', 'Dockerfile'].map((p) => follow.includes(p))).toEqual([true, true, true, true]);
    expect(['srcs', 'docs', 'docs/a.txt', 'docs/sub/a.md', 'node_modules/x', 'Dockerfile.dockerignore'].map((p) => follow.includes(p))).toEqual([false, false, false, false, false, false]);
    expect(['docs', 'node_modules', 'docs/sub'].map((p) => follow.mayContain(p))).toEqual([true, false, false]);
  });

  it('takes ** across folders', () => {
    const follow = followPaths(['**/*.go']);
    expect(follow.includes('a/b/c.go')).toBe(true);
    expect(follow.includes('c.go')).toBe(true);
    expect(follow.mayContain('a/b')).toBe(true);
    expect(follow.includes('a/b/c.js')).toBe(false);
  });
});
