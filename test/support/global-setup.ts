import type { TestProject } from 'vitest/node';
import Docker from 'dockerode';
import { ensureBusyboxImage } from './stand-in-image';
import { startRegistry, type TestRegistry } from './registry';
import { DOCKERD, startThrowawayEngine, type ThrowawayEngine } from './throwaway-engine';
import { dockerFromHost } from './docker-from-host';

export interface ProvidedEngine {
  dockerHost?: string;
  /** One line saying why there is no engine and how to provide one. */
  engineError?: string;
  registry?: { address: string; username: string; password: string };
  registryError?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    engine: ProvidedEngine;
  }
}

/**
 * Once per test run: the engine (DOCKER_HOST when set, otherwise a throwaway dockerd
 * where we can start one), the stand-in busybox image, and an htpasswd registry.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const provided: ProvidedEngine = {};
  let engine: ThrowawayEngine | undefined;
  let registry: TestRegistry | undefined;
  try {
    if (process.env.DOCKER_HOST) {
      provided.dockerHost = process.env.DOCKER_HOST;
    } else if (process.getuid?.() === 0 && DOCKERD) {
      engine = await startThrowawayEngine();
      provided.dockerHost = engine.dockerHost;
    } else {
      provided.engineError =
        'No Docker engine for the engine tests: set DOCKER_HOST to a running engine, or run the tests as root with dockerd installed (Debian package docker.io).';
    }
    if (provided.dockerHost) {
      const docker = dockerFromHost(provided.dockerHost);
      await docker.ping();
      await ensureBusyboxImage(docker);
    }
  } catch (error) {
    provided.engineError = `The test engine could not be started: ${(error as Error).message.split('\n')[0]}`;
  }
  try {
    registry = await startRegistry();
    provided.registry = { address: registry.address, username: registry.username, password: registry.password };
  } catch (error) {
    provided.registryError = `No test registry: ${(error as Error).message}`;
  }
  project.provide('engine', provided);
  return async () => {
    await registry?.stop();
    await engine?.destroy();
  };
}

export { Docker };
