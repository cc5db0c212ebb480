import { describe, expect, it } from 'vitest';
import { inParallel, parallelLimit } from '../../../electron/core/parallel';

/** Work that waits until the gate opens: records how many run at once. */
function gate() {
  let running = 0;
  let most = 0;
  let open = false;
  const waiting: Array<() => void> = [];
  const work = async () => {
    running += 1;
    most = Math.max(most, running);
    if (!open) await new Promise<void>((resolve) => waiting.push(resolve));
    running -= 1;
  };
  return {
    work,
    most: () => most,
    open: () => {
      open = true;
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}

describe('inParallel and COMPOSE_PARALLEL_LIMIT', () => {
  it('reads COMPOSE_PARALLEL_LIMIT as Compose does, else the fallback', () => {
    expect(parallelLimit({ COMPOSE_PARALLEL_LIMIT: '2' }, 4)).toBe(2);
    expect(parallelLimit({ COMPOSE_PARALLEL_LIMIT: 'x' }, 4)).toBe(4);
    expect(parallelLimit({ COMPOSE_PARALLEL_LIMIT: '0' }, Infinity)).toBe(Infinity);
    expect(parallelLimit({}, 4)).toBe(4);
  });

  it('runs at most `limit` at once, and all of them', async () => {
    const g = gate();
    const started: number[] = [];
    const done = inParallel([0, 1, 2, 3, 4], 2, async (i) => {
      started.push(i);
      await g.work();
    });
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    g.open();
    await done;
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(g.most()).toBe(2);
  });

  it('starts nothing after a failure, waits for what runs, and rejects with the failure', async () => {
    const g = gate();
    const started: number[] = [];
    let slowEnded = false;
    const done = inParallel([0, 1, 2, 3], 2, async (i) => {
      started.push(i);
      if (i === 0) {
        await g.work();
        slowEnded = true;
        return;
      }
      throw new Error(`boom ${i}`);
    });
    const settled = done.catch((error: unknown) => error);
    await Promise.resolve();
    g.open();
    expect(await settled).toEqual(new Error('boom 1'));
    expect(slowEnded).toBe(true);
    expect(started).toEqual([0, 1]);
  });
});
