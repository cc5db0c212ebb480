import dgram from 'node:dgram';
import { accessSync, constants, readdirSync, readFileSync, statfsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Project } from '../../../shared/model/project';
import type { DockerConnection } from '../docker/connect';
import { pingHost } from '../docker/ping-host';
import { listHostInstances, realSystem } from '../docker/providers/index';
import { DEFAULT_THRESHOLDS, type DoctorDeps } from './types';
import { errnoCode } from '../thrown';

export interface RealDepsOptions {
  connect(): DockerConnection;
  env: Record<string, string | undefined>;
  loadProject?: () => Promise<Project>;
  projectDir?: string;
  requireProject?: boolean;
}

/** The doctor's view of the real machine. */
export function realDoctorDeps(options: RealDepsOptions): DoctorDeps {
  const deps: DoctorDeps = {
    connect: options.connect,
    ping: (connection) => pingHost(connection, 8_000),
    platform: process.platform,
    now: () => Date.now(),
    socketAccess,
    statfs: (dir) => {
      try {
        const s = statfsSync(dir);
        return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
      } catch {
        return undefined;
      }
    },
    inotifyLimit: () => {
      try {
        const n = Number.parseInt(readFileSync('/proc/sys/fs/inotify/max_user_watches', 'utf8'), 10);
        return Number.isFinite(n) ? n : undefined;
      } catch {
        return undefined;
      }
    },
    countFiles,
    portFree,
    hostInstances: () => listHostInstances(realSystem(options.env)),
    thresholds: DEFAULT_THRESHOLDS,
  };
  if (options.loadProject) deps.loadProject = options.loadProject;
  if (options.projectDir) deps.projectDir = options.projectDir;
  if (options.requireProject) deps.requireProject = true;
  return deps;
}

export function socketAccess(socket: string): 'ok' | 'denied' | 'missing' {
  try {
    accessSync(socket, constants.R_OK | constants.W_OK);
    return 'ok';
  } catch (error) {
    return errnoCode(error) === 'ENOENT' ? 'missing' : 'denied';
  }
}

/** Files and folders under dir (not .git), counting stops after max. */
export function countFiles(dir: string, max: number): number {
  let count = 0;
  const stack = [dir];
  let current: string | undefined;
  while (count <= max && (current = stack.pop()) !== undefined) {
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.name === '.git') continue;
      count++;
      if (entry.isDirectory()) stack.push(path.join(current, entry.name));
      if (count > max) break;
    }
  }
  return count;
}

/** Can we bind it? In use → false; a port or address we may not bind here → true (we cannot tell). */
export function portFree(port: number, hostIp: string, protocol: 'tcp' | 'udp'): Promise<boolean> {
  const host = hostIp === '' ? '0.0.0.0' : hostIp.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const done = (error?: NodeJS.ErrnoException): void => resolve(!error || error.code !== 'EADDRINUSE');
    if (protocol === 'udp') {
      const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
      socket.once('error', (error) => {
        socket.close();
        done(error);
      });
      socket.bind(port, host, () => socket.close(() => done()));
      return;
    }
    const server = net.createServer();
    server.once('error', (error) => done(error));
    server.listen({ port, host, exclusive: true }, () => server.close(() => done()));
  });
}
