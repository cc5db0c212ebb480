/**
 * The CommonJS bundle (dist/cli/slipway-cli.cjs) the `slipway` entry runs through V8's code
 * cache (code-cache.ts): the commands and, loaded on a command's first call, the core.
 */
export { runCli } from './run-cli';
export { coreWasLoaded } from './lazy-core';
