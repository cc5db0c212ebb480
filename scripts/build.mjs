// Builds everything: the renderer with Vite, and the Node side (Electron main,
// preload, CLI) with esbuild. Output in dist/.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { BUNDLE_EXTERNALS, REQUIRE_BANNER } from './bundle-externals.mjs';
import { lazySshAgent } from './lazy-ssh-agent.mjs';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const only = process.argv.slice(2);
const wants = (part) => only.length === 0 || only.includes(part);

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  define: { __SLIPWAY_VERSION__: JSON.stringify(version) },
};

// dockerode requires its own BuildKit session module (gRPC and protobuf, ~800 KB) at start,
// though Slipway never calls it: Slipway opens its own session (electron/core/images/buildkit/),
// loaded with a dynamic import into a chunk of its own only when a BuildKit build runs. The
// bundle gets a stand-in for dockerode's, so start-up does not load gRPC.
const withoutBuildKitSession = {
  name: 'without-buildkit-session',
  setup(build) {
    build.onResolve({ filter: /^\.\/session$/ }, (args) =>
      args.importer.includes(`${path.sep}dockerode${path.sep}`) ? { path: 'buildkit-session', namespace: 'slipway-stub' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'slipway-stub' }, () => ({
      contents: "module.exports = function withSession(_docker, _auth, done) { done(new Error('dockerode\\'s BuildKit session is not bundled; Slipway opens its own (electron/core/images/buildkit/session.ts)')); };",
      loader: 'js',
    }));
  },
};

// The Compose-spec validator is plain code generated from the bundled schema (no compile at run time).
if (wants('cli') || wants('electron')) {
  const generated = spawnSync(process.execPath, ['scripts/generate-compose-validator.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (generated.status !== 0) process.exit(generated.status ?? 1);
}

/**
 * A Node bundle (ES module): dependencies inside (a CLI starts ~40 % faster than resolving
 * them from node_modules) except what bundle-externals.mjs names; what is loaded by dynamic
 * import (the BuildKit session, gRPC) goes into chunks/ and is read only when used.
 */
function nodeBundle(name, entry, outdir) {
  // Chunk names carry a content hash: last build's would pile up beside the new ones.
  rmSync(path.join(root, outdir, 'chunks'), { recursive: true, force: true });
  return esbuild({
    ...common,
    entryPoints: { [name]: entry },
    outdir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    format: 'esm',
    external: BUNDLE_EXTERNALS,
    banner: { js: REQUIRE_BANNER },
    plugins: [withoutBuildKitSession, lazySshAgent],
  });
}

const jobs = [];
if (wants('cli')) jobs.push(nodeBundle('slipway', 'electron/cli/index.ts', 'dist/cli'));
if (wants('electron')) {
  // The main process is bundled like the CLI, so the installer carries only what the bundles leave out.
  jobs.push(nodeBundle('main', 'electron/main/index.ts', 'dist/electron'));
  // A sandboxed preload must be one CommonJS file that requires nothing but 'electron'.
  jobs.push(esbuild({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] }));
}
await Promise.all(jobs);
// The tray and window icons the Electron main loads at run time.
if (wants('electron')) cpSync(new URL('../electron/main/assets', import.meta.url), new URL('../dist/electron/assets', import.meta.url), { recursive: true });
if (wants('renderer')) {
  await viteBuild({ configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)), logLevel: 'warn' });
}
