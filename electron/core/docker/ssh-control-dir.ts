import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * ssh needs room after a ControlPath for its temporary name (".XXXXXXXXXXXXXXXX") within a
 * unix socket path's 104 bytes (macOS; 108 on Linux).
 */
const MAX_PATH = 104 - 18;

let dir: string | undefined;
let next = 0;

/** Where this process's control sockets live: a private (0700) folder of its own, in a short base. */
function controlDir(env: Record<string, string | undefined>): string {
  if (dir && existsSync(dir)) return dir;
  const bases = [env.XDG_RUNTIME_DIR, os.tmpdir(), '/tmp'].filter((b): b is string => b !== undefined && b !== '' && existsSync(b));
  // the folder name, its 6 random characters and a socket name of a few digits
  const base = bases.find((b) => path.join(b, `slipway-ssh-${process.pid}-XXXXXX`, '0000').length <= MAX_PATH) ?? '/tmp';
  dir = mkdtempSync(path.join(base, `slipway-ssh-${process.pid}-`));
  // after the master is spawned: reading a busy /tmp and removing folders is not on its path
  setImmediate(() => sweepLeftovers(base)).unref();
  return dir;
}

/**
 * Removes the folders of processes that are gone: a process killed outright cannot remove
 * its own (its masters end with their sessions and take their sockets along; the folder stays).
 */
function sweepLeftovers(base: string): void {
  let entries: string[];
  try {
    entries = readdirSync(base);
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = Number(/^slipway-ssh-(\d+)-\w{6}$/.exec(entry)?.[1] ?? 0);
    if (pid > 0 && pid !== process.pid && !alive(pid)) rmSync(path.join(base, entry), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as someone else's
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

/** A new control socket path for one master (ssh expands %-tokens in it: a literal % is doubled). */
export function newControlPath(env: Record<string, string | undefined>): { path: string; option: string } {
  const file = path.join(controlDir(env), String(next++));
  return { path: file, option: `ControlPath=${file.replace(/%/g, '%%')}` };
}

/** The folder, if any: for tests and cleanup. */
export function currentControlDir(): string | undefined {
  return dir;
}

/** Removes the folder with whatever is left in it (a socket a killed master left); synchronous: it runs on exit. */
export function removeControlDir(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}
