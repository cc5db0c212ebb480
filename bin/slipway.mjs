#!/usr/bin/env node
// The `slipway` command: runs the bundled CLI (npm run build makes it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/cli/slipway.mjs', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('slipway: the CLI is not built yet.\nRun `npm run build` in the Slipway folder first.\n');
  process.exit(1);
}
await import(entry);
