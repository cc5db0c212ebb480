/**
 * A signal that aborts when `signal` does or when `ms` have passed, and a dispose that
 * clears the timer. Not `AbortSignal.any([signal, AbortSignal.timeout(ms)])`: on Node 20
 * the combined signal holds its sources weakly, so an otherwise unreferenced timeout signal
 * can be garbage-collected and never fire (a `--timeout` that never times out).
 */
export function withDeadline(signal: AbortSignal | undefined, ms: number | undefined): { signal: AbortSignal | undefined; dispose: () => void } {
  if (ms === undefined) return { signal, dispose: () => undefined };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError')), ms);
  // Nothing to time out once nothing else keeps the process alive.
  timer.unref();
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * `promise`, or a rejection with the signal's reason as soon as `signal` aborts: for an
 * engine call that cannot itself be cancelled (the work goes on; its result is dropped).
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}
