/** Compose's exit code for a command ended by Ctrl+C (or SIGTERM): 128 + SIGINT. */
export const INTERRUPTED_EXIT_CODE = 130;

/**
 * Resolves on Ctrl+C or SIGTERM — true — or when `signal` aborts — false: the end of a
 * command that follows something.
 */
export function untilInterrupted(signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const end = (interrupted: boolean) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      signal?.removeEventListener('abort', onAbort);
      resolve(interrupted);
    };
    const onSignal = () => end(true);
    const onAbort = () => end(false);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
  });
}
