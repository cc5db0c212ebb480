// An esbuild plugin for the Node bundles (scripts/build.mjs).
import path from 'node:path';

// dockerode requires its own BuildKit session module (gRPC and protobuf, ~800 KB) at start,
// though Slipway never calls it: Slipway opens its own session (electron/core/images/buildkit/),
// loaded on use only when a BuildKit build runs. The bundle gets a stand-in for dockerode's,
// so start-up does not load gRPC.
export const withoutBuildKitSession = {
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
