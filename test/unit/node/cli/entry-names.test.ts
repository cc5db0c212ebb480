import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '..', '..', '..', '..');

describe('the `slipway` command by each of its names', () => {
  // bin/slipway.cjs is the command (package.json's bin); the .mjs names are what earlier builds and scripts called
  it.each(['bin/slipway.cjs', 'bin/slipway.mjs', 'dist/cli/slipway.cjs', 'dist/cli/slipway.mjs'])('%s runs the CLI', async (file) => {
    const { stdout } = await run(process.execPath, [path.join(repo, file), 'version'], { env: { PATH: process.env.PATH ?? '', SLIPWAY_CODE_CACHE: 'off' } });
    expect(stdout).toMatch(/^slipway \S+\n$/);
  });
});
