/**
 * The CommonJS bundle (dist/cli/slipway-cli.cjs) the `slipway` entry runs through V8's code
 * cache (code-cache.ts): the commands and, loaded on a command's first call, the core. Its
 * ssh code is not inside: it requires the entry's (slipway-ssh.cjs, see scripts/node-bundles.mjs),
 * so what the entry dialled ahead is in the one registry the core's ssh agents take from.
 */
export { runCli } from './run-cli';
export { coreWasLoaded } from './lazy-core';
