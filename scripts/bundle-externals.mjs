// What the bundles (the CLI and the Electron main process) leave to node_modules at run
// time: `electron` (provided by Electron itself), ssh2 with its optional native part, and
// the file watcher @parcel/watcher, which loads its native binary from a package per platform:
// none of them can be bundled. Everything else is inside the bundles, so package.json's
// `dependencies` lists exactly the packages named here (test/unit/node/desktop/packaging.test.ts).
export const PROVIDED_BY_ELECTRON = ['electron'];
export const LOADED_FROM_NODE_MODULES = ['ssh2', '@parcel/watcher'];
/**
 * Optional native speed-ups their packages require inside a try (ssh2's cpu-features, ws's
 * bufferutil and utf-8-validate): left out, and used only where installed.
 */
export const OPTIONAL_OF_EXTERNALS = ['cpu-features', 'bufferutil', 'utf-8-validate'];
export const BUNDLE_EXTERNALS = [...PROVIDED_BY_ELECTRON, ...LOADED_FROM_NODE_MODULES, ...OPTIONAL_OF_EXTERNALS];

// CommonJS packages inside an ES-module bundle still call require() for Node's built-ins.
export const REQUIRE_BANNER = "import { createRequire as __slipwayCreateRequire } from 'node:module'; const require = __slipwayCreateRequire(import.meta.url);";
