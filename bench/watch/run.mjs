// Runs the watch benchmark: bundles watch-bench.ts with esbuild (dependencies stay in
// node_modules) and runs it. Usage: node bench/watch/run.mjs [--saves 20] [--files 50000]
// `node bench/watch/run.mjs peers [--sizes 20000,50000]` runs peers.ts instead: the watcher
// against stock chokidar, no engine needed.
// `node bench/watch/run.mjs livefile [--rounds 10]` runs livefile-bench.ts (the project file is live).
import { bundleAndRun } from '../bundle-ts.mjs';

const modes = { peers: 'peers', livefile: 'livefile-bench' };
const mode = modes[process.argv[2] ?? ''];
await bundleAndRun(`bench/watch/${mode ?? 'watch-bench'}.ts`, process.argv.slice(mode ? 3 : 2));
