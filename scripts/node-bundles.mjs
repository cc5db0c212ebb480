// The Node bundles (esbuild): the Electron main process and the CLI. scripts/build.mjs makes
// them in dist/; tests that run the CLI as a process of its own make theirs the same way.
import { build as esbuild } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
 * The ssh code the CLI's entry and its main bundle share (slipway-ssh.cjs): the dial ahead
 * (electron/cli/dial-ahead.ts, electron/core/dial-ahead.ts) and the core's ssh modules with
 * state (electron/core/docker/ssh-*.ts). Both require that one file, so Node's module cache
 * holds one copy of their state: the connections the entry dials before the rest of the CLI
 * loads (and the shared ssh master they open) are in the registries where the core's ssh
 * agents look. The agent itself (ssh-agent.ts, an http.Agent) stays in the main bundle, its
 * only user: the entry's first lines would otherwise load node:http before ssh is started.
 */
const SSH_FILE = 'slipway-ssh.cjs';
const MAIN_BUNDLE_ONLY = new Set(['ssh-agent.ts']);
function sharedSshModules(root) {
  const docker = path.join(root, 'electron', 'core', 'docker');
  return [
    path.join(root, 'electron', 'cli', 'dial-ahead.ts'),
    path.join(root, 'electron', 'core', 'dial-ahead.ts'),
    ...readdirSync(docker).filter((name) => /^ssh-[a-z-]+\.ts$/.test(name) && !MAIN_BUNDLE_ONLY.has(name)).map((name) => path.join(docker, name)),
  ];
}

/** In the main bundle, an import of a shared ssh module is a require of slipway-ssh.cjs. */
function sshFromSharedFile(root) {
  const shared = new Set(sharedSshModules(root));
  return {
    name: 'ssh-from-shared-file',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => (shared.has(path.resolve(args.resolveDir, `${args.path}.ts`)) ? { path: `./${SSH_FILE}`, external: true } : undefined));
    },
  };
}

/** Besides the ssh modules, what slipway-ssh.cjs may carry a copy of: code without state of its own. */
const STATELESS_IN_SSH_FILE = ['electron/cli/global-options.ts', 'shared/errors.ts'];

async function sshScript(common, outfile) {
  const root = common.absWorkingDir;
  const modules = sharedSshModules(root);
  const contents = modules.map((file) => `export * from ${JSON.stringify(file)};`).join('\n');
  const { metafile } = await esbuild({
    ...common,
    stdin: { contents, resolveDir: root, sourcefile: 'ssh-shared.ts', loader: 'ts' },
    outfile,
    format: 'cjs',
    supported: { 'dynamic-import': false },
    external: BUNDLE_EXTERNALS,
    metafile: true,
  });
  // anything else in it would be a second copy, beside the main bundle's, of state or classes
  // esbuild names inputs relative to the root, with forward slashes
  const allowed = new Set([...modules.map((file) => path.relative(root, file).split(path.sep).join('/')), ...STATELESS_IN_SSH_FILE, 'ssh-shared.ts']);
  const extra = Object.keys(metafile.inputs).filter((input) => !allowed.has(input));
  if (extra.length > 0) throw new Error(`${outfile} would carry its own copy of ${extra.join(', ')}: keep the ssh modules' imports to themselves (or add a module without state to STATELESS_IN_SSH_FILE)`);
}

/** A CommonJS bundle of `entry`; what it says for `import.meta.url` comes from its own file (a script has no import.meta). */
function scriptOptions(common, entry, outfile) {
  return {
    ...common,
    define: { ...common.define, 'import.meta.url': '__slipwayBundleUrl' },
    banner: { js: "const __slipwayBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    entryPoints: [entry],
    outfile,
    format: 'cjs',
    external: BUNDLE_EXTERNALS,
  };
}

/**
 * The CLI past its first lines, as one CommonJS file: the entry runs it through V8's code
 * cache (electron/cli/code-cache.ts), which Node 20 offers for scripts, not ES modules. What
 * is loaded on use (the core, the BuildKit session, `serve`) is inside, compiled only when run.
 */
async function cliScript(common, outfile) {
  await esbuild({
    ...scriptOptions(common, 'electron/cli/cli-bundle.ts', outfile),
    // import() of a package left outside (the file watcher) becomes require(): a script has no module loader of its own
    supported: { 'dynamic-import': false },
    charset: 'ascii',
    plugins: [...plugins, sshFromSharedFile(common.absWorkingDir)],
  });
  // The entry reads it as Latin-1 (decoding ~4 MB of UTF-8 costs ~20 ms a run): with strings
  // escaped (charset ascii), what is left outside ASCII is in comments, escaped here too.
  const file = path.resolve(common.absWorkingDir, outfile);
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/**
 * The CLI's entry as CommonJS (slipway.cjs): Node starts a script ~10 ms sooner than an ES
 * module (no module loader to set up), and ssh is dialled from its first lines. slipway.mjs
 * beside it runs it, for whoever calls the entry by its earlier name.
 */
async function entryScript(common, outdir) {
  await esbuild(scriptOptions(common, 'electron/cli/index.ts', path.join(outdir, 'slipway.cjs')));
  // the entry was slipway.mjs itself (its source map would now describe nothing)
  rmSync(path.resolve(common.absWorkingDir, outdir, 'slipway.mjs.map'), { force: true });
  writeFileSync(path.resolve(common.absWorkingDir, outdir, 'slipway.mjs'), "// The CLI's entry is slipway.cjs beside this file.\nimport { createRequire } from 'node:module';\ncreateRequire(import.meta.url)('./slipway.cjs');\n");
}

/**
 * The CLI in `outdir`: slipway.cjs (the entry: dials ahead, then runs the rest; slipway.mjs
 * runs it too), slipway-cli.cjs (the rest, through the code cache) and slipway-ssh.cjs (the
 * ssh code both share).
 */
export function cliBundles(common, outdir) {
  return Promise.all([
    entryScript(common, outdir),
    cliScript(common, path.join(outdir, 'slipway-cli.cjs')),
    sshScript(common, path.join(outdir, SSH_FILE)),
  ]);
}
