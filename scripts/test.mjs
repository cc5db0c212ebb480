// `npm test`: builds (the CLI and e2e suites run the built app), then runs every
// vitest project and ends with one plain line: "Tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { skippedBox, skippedSuites } from './skipped-box.mjs';

const args = process.argv.slice(2);
const run = (cmd, cmdArgs) => spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: process.env });

if (!process.env.SLIPWAY_SKIP_BUILD) {
  const built = run(process.execPath, ['scripts/build.mjs']);
  if (built.status !== 0) {
    console.error('npm test: the build failed, so the tests were not run.');
    process.exit(built.status ?? 1);
  }
}

const outDir = mkdtempSync(path.join(tmpdir(), 'slipway-test-'));
const report = path.join(outDir, 'report.json');
const result = run(process.execPath, [
  'node_modules/vitest/vitest.mjs', 'run',
  '--reporter=default', '--reporter=json', `--outputFile.json=${report}`,
  ...args,
]);
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  const box = skippedBox(skippedSuites(json));
  if (box) console.log(`\n${box}`);
  console.log(`\nTests: ${json.numPassedTests} passed, ${json.numFailedTests} failed, ${skipped} skipped`);
} catch {
  console.log('\nTests: no report was written (the run failed before any test finished).');
}
rmSync(outDir, { recursive: true, force: true });
process.exit(result.status ?? 1);
