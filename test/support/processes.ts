import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import net from 'node:net';

/** Starts a process we own, output to a log file, detached so we can stop its group by pid. */
export function startOwnedProcess(command: string, args: string[], logFile: string, env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const fd = openSync(logFile, 'a');
  const child = spawn(command, args, { stdio: ['ignore', fd, fd], env, detached: false });
  closeSync(fd);
  return child;
}

/** Sends SIGTERM, then SIGKILL after a grace period; resolves when the process is gone. */
export async function stopOwnedProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * A TCP port on 127.0.0.1 that nothing listened on a moment ago. It may be taken again
 * before it is used (a race): use it only for a port that must stay closed, or that a
 * container publishes (Docker cannot take a socket from us). A server we start listens
 * on port 0 and reports its port instead (see listenPortFromLog, countingProxy).
 */
export function probablyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The port a process started with port 0 reports in its log (`pattern` captures it). */
export async function listenPortFromLog(logFile: string, pattern: RegExp, what: string, owner: ChildProcess, timeoutMs = 30_000): Promise<number> {
  let port = 0;
  await waitUntil(async () => {
    const match = pattern.exec(readFileSync(logFile, 'utf8'));
    port = Number(match?.[1] ?? 0);
    return port > 0;
  }, `${what} to report its port`, timeoutMs, 50, owner);
  return port;
}

/**
 * Retries `probe` until it resolves true, with a bounded number of attempts. Given the
 * process that should make it true, gives up at once when that process has exited.
 */
export async function waitUntil(probe: () => Promise<boolean>, what: string, timeoutMs = 30_000, stepMs = 100, owner?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (owner && (owner.exitCode !== null || owner.signalCode !== null)) {
      throw new Error(`gave up waiting for ${what}: its process exited (${owner.exitCode ?? owner.signalCode})`);
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
