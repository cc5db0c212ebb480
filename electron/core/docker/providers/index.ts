import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SlipwayError } from '../../../../shared/errors';
import { connectDocker } from '../connect';
import { pingOnce } from '../ping-host';
import { colimaProvider } from './colima';
import { dockerDesktopProvider } from './docker-desktop';
import { limaProvider } from './lima';
import { linuxDockerProvider, rootlessDockerProvider, type LinuxSocketOverride } from './linux-docker';
import { orbstackProvider } from './orbstack';
import { podmanProvider } from './podman';
import { rancherDesktopProvider } from './rancher-desktop';
import type { HostInstance, HostProvider, ProviderSystem, RunResult } from './types';
import { errnoCode, exitCode } from '../../thrown';

export type { HostInstance, HostProvider, HostState, ProviderSystem } from './types';

export function allProviders(override: LinuxSocketOverride = {}): HostProvider[] {
  return [linuxDockerProvider(override), rootlessDockerProvider, dockerDesktopProvider, colimaProvider, orbstackProvider, limaProvider, podmanProvider, rancherDesktopProvider];
}

/** The real system: child processes with a timeout, PATH lookups, socket pings. */
export function realSystem(env: Record<string, string | undefined> = process.env): ProviderSystem {
  const cleanEnv = (extra?: Record<string, string | undefined>): NodeJS.ProcessEnv =>
    Object.fromEntries(Object.entries({ ...env, ...extra }).filter((e): e is [string, string] => e[1] !== undefined));
  return {
    env,
    platform: process.platform,
    home: env.HOME || os.homedir(),
    uid: process.getuid?.() ?? 0,
    exists: (file) => existsSync(file),
    run: (command, args, options = {}) =>
      new Promise<RunResult>((resolve) => {
        execFile(command, args, { timeout: options.timeoutMs ?? 60_000, env: cleanEnv(options.env), maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
          const code = error ? (exitCode(error) ?? null) : 0;
          const spawnFailure = error && errnoCode(error) !== undefined ? `${error.message}\n` : '';
          resolve({ code, stdout: String(stdout), stderr: spawnFailure + String(stderr) });
        });
      }),
    which: async (command) => {
      for (const dir of (env.PATH ?? '').split(path.delimiter)) {
        if (!dir) continue;
        const file = path.join(dir, command);
        try {
          accessSync(file, constants.X_OK);
          return file;
        } catch {
          // next
        }
      }
      return undefined;
    },
    probe: async (dockerHost) => {
      try {
        return (await pingOnce(connectDocker({ host: dockerHost, env }), 3_000)).ok;
      } catch {
        return false;
      }
    },
  };
}

/** Every instance of every provider found here; a provider that fails is skipped, not fatal. */
export async function listHostInstances(system: ProviderSystem, providers: HostProvider[] = allProviders()): Promise<HostInstance[]> {
  const found = await Promise.all(
    providers.map(async (provider) => {
      try {
        if (!(await provider.detect(system))) return [];
        return await provider.list(system);
      } catch {
        return [];
      }
    }),
  );
  return found.flat();
}

/** Finds an instance by the name `slipway hosts` shows; the error lists the names there are. */
export async function findHostInstance(system: ProviderSystem, name: string, providers: HostProvider[] = allProviders()): Promise<{ instance: HostInstance; provider: HostProvider }> {
  const instances = await listHostInstances(system, providers);
  const instance = instances.find((i) => i.name === name) ?? instances.filter((i) => i.provider === name).at(0);
  const provider = instance && providers.find((p) => p.id === instance.provider);
  if (!instance || !provider) {
    const names = instances.map((i) => i.name);
    throw new SlipwayError(
      'host_not_found',
      `No host named "${name}" here`,
      names.length > 0 ? `Hosts found: ${names.join(', ')} (see \`slipway hosts\`).` : 'No VM manager or engine service was found: install Docker Engine (Linux) or Colima / Docker Desktop / OrbStack (macOS).',
    );
  }
  return { instance, provider };
}
