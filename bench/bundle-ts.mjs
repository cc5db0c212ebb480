// Bundles a TypeScript benchmark with esbuild (dependencies stay in node_modules) and runs
// it with the given arguments; exits with its status.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export async function bundleAndRun(entry, args) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const out = path.join(root, 'node_modules', '.cache', 'slipway-bench', `${path.basename(entry, '.ts')}.mjs`);
  mkdirSync(path.dirname(out), { recursive: true });
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
    define: { __SLIPWAY_VERSION__: '"bench"' },
    // Generated CommonJS modules in the bundle require() their dependencies.
    banner: { js: "import { createRequire as __slipwayRequire } from 'node:module'; const require = __slipwayRequire(import.meta.url);" },
  });
  const result = spawnSync(process.execPath, [out, ...args], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
