// The Node bundles (esbuild): the Electron main process and the CLI. scripts/build.mjs makes
// them in dist/; tests that run the CLI as a process of its own make theirs the same way.
import { build as esbuild } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE_EXTERNALS, REQUIRE_BANNER } from './bundle-externals.mjs';
import { lazySshAgent } from './lazy-ssh-agent.mjs';
import { modemDebugWhenOn } from './modem-debug.mjs';
import { withoutBuildKitSession } from './without-buildkit-session.mjs';

const plugins = [withoutBuildKitSession, lazySshAgent, modemDebugWhenOn];

/** What every Node bundle shares: `root` the repo, `version` what `slipway version` says. */
export function nodeCommon(root, version) {
  return { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', define: { __SLIPWAY_VERSION__: JSON.stringify(version) } };
}

/**
 * A Node bundle (ES module): dependencies inside (a CLI starts ~40 % faster than resolving
 * them from node_modules) except what bundle-externals.mjs names; what is loaded by dynamic
 * import goes into chunks/ and is read only when used.
 */
export function esmBundle(common, name, entry, outdir) {
  // Chunk names carry a content hash: last build's would pile up beside the new ones.
  rmSync(path.resolve(common.absWorkingDir, outdir, 'chunks'), { recursive: true, force: true });
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
    plugins,
  });
}

/**
 * The CLI past its first lines, as one CommonJS file: the entry runs it through V8's code
 * cache (electron/cli/code-cache.ts), which Node 20 offers for scripts, not ES modules. What
 * is loaded on use (the core, the BuildKit session, `serve`) is inside, compiled only when run.
 */
async function cliScript(common, outfile) {
  await esbuild({
    ...common,
    define: { ...common.define, 'import.meta.url': '__slipwayBundleUrl' },
    banner: { js: "const __slipwayBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    entryPoints: ['electron/cli/cli-bundle.ts'],
    outfile,
    format: 'cjs',
    // import() of a package left outside (the file watcher) becomes require(): a script has no module loader of its own
    supported: { 'dynamic-import': false },
    charset: 'ascii',
    external: BUNDLE_EXTERNALS,
    plugins,
  });
  // The entry reads it as Latin-1 (decoding ~4 MB of UTF-8 costs ~20 ms a run): with strings
  // escaped (charset ascii), what is left outside ASCII is in comments, escaped here too.
  const file = path.resolve(common.absWorkingDir, outfile);
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** The CLI in `outdir`: slipway.mjs (the entry: dials ahead, then runs) and slipway-cli.cjs (the rest). */
export function cliBundles(common, outdir) {
  return Promise.all([esmBundle(common, 'slipway', 'electron/cli/index.ts', outdir), cliScript(common, path.join(outdir, 'slipway-cli.cjs'))]);
}
