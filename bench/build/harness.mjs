// What the build benchmarks share: timing a command, the core bundled from source running in
// this process with a project open, timing its images.build call, and the median.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** Wall clock of a command from spawn to exit, in ms; rejects with its output tail when it fails. */
export function timed(cmd, args, { cwd, env = {} }) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code === 0) resolve(ms);
      else reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${out.slice(-1500)}`));
    });
  });
}

/** The core bundled from source (dist/ is not committed), in this process, with the project in `dir` open. */
export async function startCore(dir, env = process.env) {
  const { build } = await import('esbuild');
  const outfile = path.join(root, 'dist', 'bench', 'build-core.mjs');
  await build({
    absWorkingDir: root,
    entryPoints: ['electron/core/slipway-core.ts'],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    outfile,
    logLevel: 'warning',
    define: { __SLIPWAY_VERSION__: '"bench"' },
    banner: { js: "import { createRequire as __slipwayRequire } from 'node:module'; const require = __slipwayRequire(import.meta.url);" },
  });
  const { SlipwayCore } = await import(outfile);
  const core = new SlipwayCore({ env });
  await core.projects.openProject({ cwd: dir });
  return core;
}

/** images.build through the core's call (what the dashboard's Build button does), call to task.done, in ms. */
export async function coreBuild(core, projectId, noCache = false) {
  const started = process.hrtime.bigint();
  const finished = new Map();
  let wake = () => undefined;
  const off = core.events.on('task.done', (event) => {
    finished.set(event.taskId, event);
    wake();
  });
  try {
    const answer = await core.call('images.build', { projectId, ...(noCache ? { noCache: true } : {}) });
    if (!answer.ok) throw new Error(answer.error.message);
    const { taskId } = answer.value;
    while (!finished.has(taskId)) await new Promise((resolve) => (wake = resolve));
    const event = finished.get(taskId);
    if (!event.ok) throw new Error(event.error?.message ?? 'build failed');
  } finally {
    off();
  }
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
