/**
 * The CommonJS bundle (dist/cli/slipway-cli.cjs) the `slipway` entry runs through V8's code
 * cache (code-cache.ts): the ssh dial ahead, the commands and, loaded on a command's first
 * call, the core — one copy of each, so the core's ssh agents find what was dialled ahead.
 */
export { dialAheadFor } from './dial-ahead';
export { runCli } from './run-cli';
export { coreWasLoaded } from './lazy-core';
