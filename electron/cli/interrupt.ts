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
