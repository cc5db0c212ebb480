import { existsSync, mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import Docker from 'dockerode';
import { startOwnedProcess, stopOwnedProcess, waitUntil } from './processes';

export const DOCKERD = ['/usr/sbin/dockerd', '/usr/bin/dockerd'].find((p) => existsSync(p));

export interface ThrowawayEngine {
  dir: string;
  socket: string;
  dockerHost: string;
  logFile: string;
  process: ChildProcess;
  /** Stops dockerd (its containers with it); keeps the data dir so it can start again. */
  stop(): Promise<void>;
  /** Starts it again on the same socket and data. */
  restart(): Promise<void>;
  /** Stops it and removes every file it made. */
  destroy(): Promise<void>;
}

export interface EngineOptions {
  /** Extra dockerd flags, e.g. a TLS listener. */
  extraArgs?: string[];
  /** Runs dockerd through another command (its command and arguments from dockerd's). */
  launcher?: (dockerd: string, args: string[]) => { command: string; args: string[] };
}

/**
 * A private dockerd: its own socket, data root and exec root in a short temp dir, no
 * default bridge and no iptables rules, so that several can run beside each other
 * (and beside a system engine) without touching one another.
 */
export async function startThrowawayEngine(options: EngineOptions = {}): Promise<ThrowawayEngine> {
  if (!DOCKERD) throw new Error('dockerd is not installed (Debian package docker.io)');
  const dir = mkdtempSync('/tmp/swe-');
  const socket = path.join(dir, 'd.sock');
  const logFile = path.join(dir, 'dockerd.log');
  const pool = `10.${200 + Math.floor(Math.random() * 50)}.0.0/16`;
  const args = [
    '-H', `unix://${socket}`,
    '--data-root', path.join(dir, 'data'),
    '--exec-root', path.join(dir, 'x'),
    '--pidfile', path.join(dir, 'pid'),
    '--bridge=none',
    '--iptables=false',
    '--ip-masq=false',
    '--default-address-pool', `base=${pool},size=24`,
    ...(options.extraArgs ?? []),
  ];
  const launch = options.launcher?.(DOCKERD, args) ?? { command: DOCKERD, args };
  const engine: ThrowawayEngine = {
    dir,
    socket,
    dockerHost: `unix://${socket}`,
    logFile,
    process: startOwnedProcess(launch.command, launch.args, logFile),
    async stop() {
      await stopOwnedProcess(engine.process, 20_000);
    },
    async restart() {
      engine.process = startOwnedProcess(launch.command, launch.args, logFile);
      await waitForEngine(engine);
    },
    async destroy() {
      await engine.stop();
      unmountUnder(dir);
      try {
        rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      } catch (error) {
        // A mount dockerd left behind must not fail the run; say what is left.
        process.stderr.write(`throwaway engine: could not remove ${dir}: ${(error as Error).message}\n`);
      }
    },
  };
  try {
    await waitForEngine(engine);
  } catch (error) {
    await engine.destroy().catch(() => undefined);
    throw error;
  }
  return engine;
}

/** dockerd leaves mounts (netns, its data root) under its dirs: lazily unmount them, deepest first. */
function unmountUnder(dir: string): void {
  let mounts: string[];
  try {
    mounts = readFileSync('/proc/self/mounts', 'utf8')
      .split('\n')
      .map((line) => line.split(' ')[1] ?? '')
      .filter((point) => point === dir || point.startsWith(`${dir}/`));
  } catch {
    return;
  }
  for (const point of mounts.sort((a, b) => b.length - a.length)) {
    spawnSync('umount', ['-l', point], { stdio: 'ignore' });
  }
}

async function waitForEngine(engine: ThrowawayEngine): Promise<void> {
  const docker = new Docker({ socketPath: engine.socket });
  try {
    await waitUntil(async () => {
      await docker.ping();
      return true;
    }, 'dockerd to answer', 60_000, 100, engine.process);
  } catch (error) {
    const tail = existsSync(engine.logFile) ? readFileSync(engine.logFile, 'utf8').split('\n').slice(-8).join('\n') : '';
    throw new Error(`the throwaway dockerd did not start (${(error as Error).message}); its log ends:\n${tail}`, { cause: error });
  }
}
