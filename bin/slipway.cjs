#!/usr/bin/env node
// The `slipway` command: runs the bundled CLI (npm run build makes it). CommonJS: Node starts
// a script sooner than an ES module, and the CLI dials a remote engine from its first lines.
const { existsSync } = require('node:fs');
const path = require('node:path');

const entry = path.join(__dirname, '..', 'dist', 'cli', 'slipway.cjs');
if (!existsSync(entry)) {
  process.stderr.write('slipway: the CLI is not built yet.\nRun `npm run build` in the Slipway folder first.\n');
  process.exit(1);
}
require(entry);
