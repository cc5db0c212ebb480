import { execFile } from 'node:child_process';
import { errorMessage } from '../../../shared/errors';
import { errnoCode } from '../thrown';

export interface GitState {
  /** As `git rev-parse --short HEAD` prints it. */
  commit: string;
  /** `git status --porcelain` printed something: uncommitted or untracked changes. */
  dirty: boolean;
}

export type GitResult = { ok: true; state: GitState } | { ok: false; reason: string };

function git(args: string[], cwd: string, env: Record<string, string | undefined>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, env, encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const detail = (stderr || error.message).trim().split('\n')[0] ?? '';
        reject(new Error(errnoCode(error) === 'ENOENT' ? 'git is not installed' : detail));
      } else resolve(stdout);
    });
  });
}

/** The commit of the work tree at `dir`, and whether it has uncommitted changes. */
export async function gitState(dir: string, env: Record<string, string | undefined>): Promise<GitResult> {
  try {
    // Both at once: two process start-ups cost less side by side than one after the other.
    const status = git(['status', '--porcelain'], dir, env);
    status.catch(() => undefined);
    const commit = (await git(['rev-parse', '--short', 'HEAD'], dir, env)).trim();
    return { ok: true, state: { commit, dirty: (await status).trim() !== '' } };
  } catch (error) {
    return { ok: false, reason: gitReason(errorMessage(error)) };
  }
}

/** git's complaint in the words of the project: a folder outside git is common, not an error. */
export function gitReason(message: string): string {
  if (/not a git repository/i.test(message)) return 'the project folder is not in a git repository';
  if (/ambiguous argument 'HEAD'|unknown revision/i.test(message)) return 'the repository has no commit yet';
  return message;
}
