type Env = Record<string, string | undefined>;

/**
 * How many engine operations (pulls, builds) run at once: COMPOSE_PARALLEL_LIMIT when it is a
 * positive integer, as Compose reads it; otherwise `fallback` (Infinity: no limit).
 */
export function parallelLimit(env: Env, fallback: number): number {
  const text = env.COMPOSE_PARALLEL_LIMIT?.trim();
  if (text === undefined || !/^\d+$/.test(text) || Number(text) < 1) return fallback;
  return Number(text);
}

/**
 * Runs `work` for every item, at most `limit` at a time; resolves when all are done, or
 * rejects with the first failure once the ones already started have ended (none is left
 * running behind the caller's back).
 */
export async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const count = Math.max(1, Math.min(limit, items.length));
  await Promise.all(Array.from({ length: count }, worker));
  if (failure !== undefined) throw failure.error;
}
