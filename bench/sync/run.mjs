// Runs the synchronized-shares benchmark (bench/sync/sync-bench.ts) against the engine of
// DOCKER_HOST. Usage: node bench/sync/run.mjs [--files 10000] [--bytes 2048] [--rounds 3] [--saves 20]
import { bundleAndRun } from '../bundle-ts.mjs';

await bundleAndRun('bench/sync/sync-bench.ts', process.argv.slice(2));
