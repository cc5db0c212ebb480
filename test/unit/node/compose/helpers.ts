import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

afterEach(() => {
  while (made.length > 0) rmSync(made.pop() as string, { recursive: true, force: true });
});

/** A temporary folder with the given files (paths relative to it); removed after each test. */
export function projectDir(files: Record<string, string>, name = 'proj'): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'slipway-compose-'));
  made.push(root);
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    const full = path.join(dir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return dir;
}

/** An environment with nothing from the test runner's own environment in it. */
export const cleanEnv: Record<string, string> = { HOME: '/home/tester' };
