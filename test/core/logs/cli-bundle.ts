import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Bundles the CLI from source (as `npm run build` does) so a test can run it as a process; returns the file. */
export async function bundleCli(tag: string): Promise<string> {
  const dir = path.join(root, 'node_modules', '.cache', 'slipway-tests');
  mkdirSync(dir, { recursive: true });
  const outfile = path.join(dir, `cli-${tag}-${process.pid}.mjs`);
  await build({ absWorkingDir: root, entryPoints: ['electron/cli/index.ts'], outfile, bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'error', define: { __SLIPWAY_VERSION__: '"test"' },
    // CommonJS parts of the bundle may require() at run time.
    banner: { js: "import { createRequire as __slipwayCreateRequire } from 'node:module'; const require = __slipwayCreateRequire(import.meta.url);" } });
  return outfile;
}
