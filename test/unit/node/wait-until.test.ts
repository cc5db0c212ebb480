import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { waitUntil } from '../../support/processes';

describe('waitUntil', () => {
  it('gives up at once when the process it waits for has exited', async () => {
    const child = spawn(process.execPath, ['-e', 'process.exit(3)'], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('exit', resolve));
    // A minute of patience would outlast the test's own timeout: only giving up at once passes.
    await expect(waitUntil(async () => false, 'a server', 60_000, 10, child)).rejects.toThrow('gave up waiting for a server: its process exited (3)');
  });

  it('resolves as soon as the probe holds, even without a process', async () => {
    let n = 0;
    await expect(waitUntil(async () => ++n >= 3, 'three probes', 60_000, 1)).resolves.toBeUndefined();
    expect(n).toBe(3);
  });
});
