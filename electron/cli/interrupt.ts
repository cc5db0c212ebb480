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

/**
 * A signal that aborts on the first Ctrl+C (SIGINT), or when `signal` does, to cancel the
 * task under way; a second Ctrl+C finds no listener left and ends the process at once.
 * `dispose` when the work is done.
 */
export function interruptSignal(signal?: AbortSignal): { signal: AbortSignal; dispose(): void } {
  const abort = new AbortController();
  const cancel = () => abort.abort();
  process.once('SIGINT', cancel);
  signal?.addEventListener('abort', cancel, { once: true });
  if (signal?.aborted) cancel();
  return {
    signal: abort.signal,
    dispose: () => {
      process.off('SIGINT', cancel);
      signal?.removeEventListener('abort', cancel);
    },
  };
}
