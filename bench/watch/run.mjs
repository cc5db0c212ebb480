// Runs the watch benchmark: bundles watch-bench.ts with esbuild (dependencies stay in
// node_modules) and runs it. Usage: node bench/watch/run.mjs [--saves 20] [--files 50000]
import { bundleAndRun } from '../bundle-ts.mjs';

await bundleAndRun('bench/watch/watch-bench.ts', process.argv.slice(2));
