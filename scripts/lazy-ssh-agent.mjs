// An esbuild plugin for the Node bundles (scripts/build.mjs).
import path from 'node:path';

// docker-modem requires its ssh agent (and with it ssh2, ~250 ms to load) at start, though it
// is used only for `protocol: 'ssh'` (Slipway dials ssh:// engines through its own agent,
// electron/core/docker/ssh-agent.ts): the bundle gets a wrapper that requires it on first use.
export const lazySshAgent = {
  name: 'lazy-ssh-agent',
  setup(build) {
    build.onResolve({ filter: /^\.\/ssh$/ }, (args) =>
      args.importer.includes(`${path.sep}docker-modem${path.sep}`) ? { path: 'docker-modem-ssh', namespace: 'slipway-lazy', pluginData: args.resolveDir } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'slipway-lazy' }, (args) => ({
      contents: "module.exports = function lazySshAgent(opt) { return require('./ssh.js')(opt); };",
      resolveDir: args.pluginData,
      loader: 'js',
    }));
  },
};
