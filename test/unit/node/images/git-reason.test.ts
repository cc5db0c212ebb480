import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitReason, gitState } from '../../../../electron/core/images/git-commit';

describe('why there is no commit tag, in plain words', () => {
  it('says a folder outside git is not in a repository, without git’s "fatal:"', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'swnogit-'));
    try {
      const result = await gitState(dir, { PATH: process.env.PATH, HOME: dir, GIT_CEILING_DIRECTORIES: path.dirname(dir) });
      expect(result).toEqual({ ok: false, reason: 'the project folder is not in a git repository' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a repository without a commit, and passes anything else through', () => {
    expect(gitReason("fatal: ambiguous argument 'HEAD': unknown revision or path not in the working tree.")).toBe('the repository has no commit yet');
    expect(gitReason('git is not installed')).toBe('git is not installed');
  });
});
