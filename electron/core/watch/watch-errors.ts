import { readFileSync } from 'node:fs';
import type { WatchError } from '../../../shared/contract/watch';

export const INOTIFY_FIX = 'sudo sysctl fs.inotify.max_user_watches=524288';

function currentLimit(): string | undefined {
  try {
    return readFileSync('/proc/sys/fs/inotify/max_user_watches', 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** True for the errors that mean "the kernel will not give us more file watches". */
export function isWatchLimitError(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  // The native watcher's errors carry no code, only the system's words (inotify_add_watch … failed: No space left on device).
  return code === 'ENOSPC' || (error instanceof Error && /System limit for number of file watchers reached|inotify_add_watch .*No space left on device/i.test(error.message));
}

/** A watcher error as the user should read it: what happened and what to do. */
export function describeWatchError(error: unknown): WatchError {
  const code = (error as { code?: string } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (isWatchLimitError(error)) {
    const limit = currentLimit();
    return {
      message: `The system limit on watched files is exhausted${limit ? ` (fs.inotify.max_user_watches = ${limit})` : ''}: some changes will not be seen`,
      hint: `Raise it: ${INOTIFY_FIX} (add fs.inotify.max_user_watches=524288 to /etc/sysctl.conf to keep it), or add large folders to the rule's ignore list.`,
    };
  }
  if (code === 'EMFILE' || /Too many open files/i.test(message)) {
    return { message: `Too many open files while watching: ${message}`, hint: 'Raise the open-file limit (ulimit -n 65536) or ignore large folders in develop.watch.' };
  }
  if (code === 'EACCES' || code === 'EPERM' || /Permission denied|Operation not permitted/i.test(message)) {
    return { message: `Cannot watch a path: ${message}`, hint: 'Check the permissions of the watched folder, or ignore that path in develop.watch.' };
  }
  return { message: `The file watcher failed: ${message}` };
}
