/** Settles `work`, or rejects if it has not within `ms` (a hang detector, not a speed check). */
export function withinBound<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([work, hang]).finally(() => clearTimeout(timer));
}

/** Runs for the fuzz tests: FUZZ_RUNS=N for a longer hunt (scripts/fuzz.mjs). */
export function fuzzRuns(inTestSuite: number): number {
  const asked = Number(process.env.FUZZ_RUNS ?? '');
  return Number.isInteger(asked) && asked > 0 ? asked : inTestSuite;
}

/** A test timeout that grows with the number of runs (a hang is caught per case above). */
export function fuzzTimeout(runs: number): number {
  return 30_000 + runs * 20;
}
