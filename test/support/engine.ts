import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import Docker from 'dockerode';
import { dockerFromHost } from './docker-from-host';

/**
 * For engine suites: the engine's DOCKER_HOST, or a failure with one line that says how
 * to provide an engine. Never a silent skip.
 */
export function testDockerHost(): string {
  const engine = inject('engine');
  if (!engine.dockerHost) throw new Error(engine.engineError ?? 'No Docker engine for the engine tests.');
  return engine.dockerHost;
}

export function testDocker(): Docker {
  return dockerFromHost(testDockerHost());
}

let configDir: string | undefined;

/**
 * The environment a core or CLI under test should see: the test engine and nothing of the
 * user's — settings (recent projects, preferences) in a folder of this test run.
 */
export function testEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  configDir ??= mkdtempSync(path.join(os.tmpdir(), 'swcfg-'));
  return { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_HOST: testDockerHost(), SLIPWAY_CONFIG_DIR: configDir, ...extra };
}

export function testRegistry(): { address: string; username: string; password: string } {
  const engine = inject('engine');
  if (!engine.registry) throw new Error(engine.registryError ?? 'No test registry.');
  return engine.registry;
}

let counter = 0;
/** A project name no other test (or person) uses. */
export function uniqueProjectName(prefix: string): string {
  counter += 1;
  return `sw${prefix.replace(/[^a-z0-9]/g, '')}${process.pid}x${counter}${Math.random().toString(36).slice(2, 6)}`;
}

/** Removes every container, network and volume labelled with the project (test cleanup). */
export async function removeProjectResources(docker: Docker, project: string): Promise<void> {
  const filter = { label: [`com.docker.compose.project=${project}`] };
  const containers = await docker.listContainers({ all: true, filters: filter });
  await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)));
  const networks = await docker.listNetworks({ filters: filter });
  await Promise.all(networks.map((n) => docker.getNetwork(n.Id).remove().catch(() => undefined)));
  const volumes = await docker.listVolumes({ filters: filter });
  await Promise.all((volumes.Volumes ?? []).map((v) => docker.getVolume(v.Name).remove().catch(() => undefined)));
}
