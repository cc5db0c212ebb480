import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import { afterEach } from 'vitest';
import type { WatchReload, WatchState } from '../../../shared/contract/watch';
import type { Project, ServiceConfig } from '../../../shared/model/project';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import { testDocker, testEnv, removeProjectResources, uniqueProjectName } from '../../support/engine';

/** A temp folder for a test's source tree (real path: the watcher reports real paths). */
export function tempTree(): { dir: string; cleanup: () => void } {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'swwatch-')));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function makeProject(name: string, workingDir: string, services: Record<string, ServiceConfig>): Project {
  return { name, workingDir, configFiles: [path.join(workingDir, 'compose.yaml')], profiles: [], model: { name, services }, disabledServices: {}, warnings: [] };
}

export interface ServiceContainerOptions {
  image?: string;
  cmd?: string[];
  binds?: string[];
  readOnly?: boolean;
  number?: number;
}

/** A running container labelled as Compose labels a service's container. */
export async function runServiceContainer(docker: Docker, project: string, service: string, options: ServiceContainerOptions = {}): Promise<Docker.Container> {
  const container = await docker.createContainer({
    name: `${project}-${service}-${options.number ?? 1}`,
    Image: options.image ?? 'busybox:latest',
    Cmd: options.cmd ?? ['sleep', '3600'],
    StopTimeout: 1,
    Labels: {
      'com.docker.compose.project': project,
      'com.docker.compose.service': service,
      'com.docker.compose.container-number': String(options.number ?? 1),
      'com.docker.compose.oneoff': 'False',
    },
    HostConfig: { Init: true, NetworkMode: 'none', ...(options.binds ? { Binds: options.binds } : {}), ...(options.readOnly ? { ReadonlyRootfs: true } : {}) },
  });
  await container.start();
  return container;
}

/** Runs a shell line in a container and returns its stdout. */
export async function shell(docker: Docker, containerId: string, line: string): Promise<string> {
  const exec = await docker.getContainer(containerId).exec({ Cmd: ['sh', '-c', line], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  const { PassThrough } = await import('node:stream');
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  docker.modem.demuxStream(stream, out, new PassThrough());
  await new Promise((resolve) => stream.on('end', resolve));
  return Buffer.concat(chunks).toString('utf8');
}

/** A core on the test engine, with every watch event recorded. */
export class WatchHarness {
  readonly docker = testDocker();
  readonly core = new SlipwayCore({ env: testEnv() });
  readonly project: string;
  readonly reloads: WatchReload[] = [];
  readonly states: WatchState[] = [];
  private readonly waiters: Array<{ match: (r: WatchReload) => boolean; resolve: (r: WatchReload) => void }> = [];

  constructor(prefix: string) {
    this.project = uniqueProjectName(prefix);
    this.core.events.on('watch.reload', (reload) => {
      this.reloads.push(reload);
      for (const waiter of [...this.waiters]) {
        if (!waiter.match(reload)) continue;
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(reload);
      }
    });
    this.core.events.on('watch.state', (state) => this.states.push(state));
  }

  /** The next reload matching `match` (already recorded ones from index `from` count too). */
  nextReload(match: (r: WatchReload) => boolean, from = this.reloads.length, timeoutMs = 30_000): Promise<WatchReload> {
    const seen = this.reloads.slice(from).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching watch.reload within ${timeoutMs} ms; got ${JSON.stringify(this.reloads.slice(from))}`)), timeoutMs);
      this.waiters.push({ match, resolve: (r) => { clearTimeout(timer); resolve(r); } });
    });
  }

  async dispose(): Promise<void> {
    await this.core.watch().stopAll();
    await this.core.dispose();
    await removeProjectResources(this.docker, this.project);
  }
}

/** True when `file` is named in the reload (paths are relative to the project folder). */
export function names(reload: WatchReload, file: string): boolean {
  return reload.files.includes(file);
}

/**
 * The harness and source tree of each test in a file, disposed after the test:
 * `const watchTest = useWatchTest();` then `const { harness, tree } = watchTest('prefix');` in a test.
 */
export function useWatchTest(): (prefix: string) => { harness: WatchHarness; tree: ReturnType<typeof tempTree> } {
  let current: { harness: WatchHarness; tree: ReturnType<typeof tempTree> } | undefined;
  afterEach(async () => {
    const test = current;
    current = undefined;
    await test?.harness.dispose();
    test?.tree.cleanup();
  });
  return (prefix) => {
    current = { harness: new WatchHarness(prefix), tree: tempTree() };
    return current;
  };
}
