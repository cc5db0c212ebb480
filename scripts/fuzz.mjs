// `node scripts/fuzz.mjs [runs]`: the fuzz tests of `npm test` (a few thousand cases) with
// many more cases each, to hunt for inputs that crash the compose loader or the dispatch.
import { spawnSync } from 'node:child_process';

const runs = process.argv[2] ?? '20000';
const result = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', 'unit', 'test/unit/node/fuzz/'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: runs },
});
process.exit(result.status ?? 1);
