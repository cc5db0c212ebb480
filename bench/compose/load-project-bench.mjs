// Measures loadProject (discovery, .env, interpolation, schema check, merge, long forms)
// on a compose project folder: CPU time per load once warm, and the first load in a
// fresh process (which reads the cached schema validator).
// Run: node bench/compose/load-project-bench.mjs [PROJECT_DIR]
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const project = path.resolve(process.argv[2] ?? path.join(root, 'test/fixtures/compose/cli-project'));
const out = mkdtempSync(path.join(root, 'node_modules', '.slipway-bench-'));
try {
  const file = path.join(out, 'load-project.mjs');
  await build({ entryPoints: [path.join(root, 'electron/core/compose/load-project.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: file, logLevel: 'warning' });
  const { loadProject } = await import(pathToFileURL(file).href);
  const env = { HOME: os.homedir() };
  let t0 = process.cpuUsage();
  await loadProject({ cwd: project, env });
  let u = process.cpuUsage(t0);
  const first = (u.user + u.system) / 1000;
  const times = [];
  for (let i = 0; i < 100; i++) {
    t0 = process.cpuUsage();
    await loadProject({ cwd: project, env });
    u = process.cpuUsage(t0);
    times.push((u.user + u.system) / 1000);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ project, firstLoadCpuMs: Number(first.toFixed(1)), warmMedianCpuMs: Number(times[50].toFixed(2)), warmP90CpuMs: Number(times[90].toFixed(2)) }));
} finally {
  rmSync(out, { recursive: true, force: true });
}
