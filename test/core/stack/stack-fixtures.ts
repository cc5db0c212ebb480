import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import type { Project, ServiceConfig } from '../../../shared/model/project';
import type { EngineEvent } from '../../../electron/core/docker/engine-events';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import { removeProjectResources, testDocker, testEnv, uniqueProjectName } from '../../support/engine';

/** A Project as the loader would make it, written by hand (services in canonical form). */
export function makeProject(name: string, services: Record<string, ServiceConfig>, extra: Partial<Project['model']> = {}): Project {
  return {
    name,
    workingDir: '/nonexistent/stack-tests',
    configFiles: ['/nonexistent/stack-tests/compose.yaml'],
    profiles: [],
    model: { name, services, ...extra },
    disabledServices: {},
    warnings: [],
  };
}

/** A long-running busybox service that ignores nothing (init: true) and stops fast. */
export function sleeper(extra: ServiceConfig = {}): ServiceConfig {
  return { image: 'busybox:latest', init: true, command: ['sleep', '3600'], stop_grace_period: '1s', ...extra };
}

/** Healthy once `delay` seconds have passed since start (checked every second). */
export function healthySleeper(delaySeconds = 0, extra: ServiceConfig = {}): ServiceConfig {
  return sleeper({
    command: ['sh', '-c', `sleep ${delaySeconds}; touch /tmp/ready; exec sleep 3600`],
    healthcheck: { test: ['CMD', 'test', '-f', '/tmp/ready'], interval: '1s', timeout: '1s', retries: 30 },
    ...extra,
  });
}

/** A one-shot that prints a line and exits with `code`. */
export function oneShot(code: number, extra: ServiceConfig = {}): ServiceConfig {
  return { image: 'busybox:latest', command: ['sh', '-c', `echo one-shot line 1; echo one-shot says bye; exit ${code}`], ...extra };
}

export interface StackTestContext {
  core: SlipwayCore;
  docker: Docker;
  name: string;
  cleanup(): Promise<void>;
}

export function stackContext(prefix: string): StackTestContext {
  const core = new SlipwayCore({ env: testEnv() });
  const docker = testDocker();
  const name = uniqueProjectName(prefix);
  return {
    core,
    docker,
    name,
    async cleanup() {
      await removeProjectResources(docker, name);
      await core.dispose();
    },
  };
}

export interface EventRecorder {
  events: EngineEvent[];
  /** Resolves once an event matching the predicate has been recorded (now or later). */
  waitFor(predicate: (e: EngineEvent) => boolean, timeoutMs?: number): Promise<void>;
  stop(): void;
}

/** Records Docker's own container events of one project (subscribe before acting). */
export async function recordEvents(docker: Docker, projectName: string): Promise<EventRecorder> {
  const stream = (await docker.getEvents({ filters: { type: ['container'], label: [`com.docker.compose.project=${projectName}`] } })) as NodeJS.ReadableStream & { destroy(): void };
  const events: EngineEvent[] = [];
  const waiters = new Set<{ predicate: (e: EngineEvent) => boolean; resolve: () => void }>();
  let buffered = '';
  stream.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (!line) continue;
      const event = JSON.parse(line) as EngineEvent;
      events.push(event);
      for (const w of [...waiters]) if (w.predicate(event)) {
        waiters.delete(w);
        w.resolve();
      }
    }
  });
  return {
    events,
    stop: () => stream.destroy(),
    waitFor(predicate, timeoutMs = 10_000) {
      if (events.some(predicate)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve: () => { clearTimeout(timer); resolve(); } };
        const timer = setTimeout(() => { waiters.delete(waiter); reject(new Error('the expected Docker event did not arrive')); }, timeoutMs);
        waiters.add(waiter);
      });
    },
  };
}

/** Index of the first event for `service` whose action starts with `action`. */
/** Whether the service's container had this event (for "was not started"). */
export function hasEvent(events: EngineEvent[], service: string, action: string): boolean {
  return events.some((e) => e.Actor.Attributes['com.docker.compose.service'] === service && e.Action.startsWith(action));
}

/** The position of the service's first such event; a missing one fails the test. */
export function eventIndex(events: EngineEvent[], service: string, action: string): number {
  const index = events.findIndex((e) => e.Actor.Attributes['com.docker.compose.service'] === service && e.Action.startsWith(action));
  // A missing event must fail the test, not pass as "before" everything (-1).
  if (index < 0) throw new Error(`no ${action} event for ${service} (recorded: ${events.map((e) => `${e.Actor.Attributes['com.docker.compose.service'] ?? '?'}:${e.Action}`).join(', ')})`);
  return index;
}

/**
 * A compose project in a folder of its own for CLI tests: `create` writes compose.yaml (and
 * any other files) and picks a project name no one else uses; `cleanup` removes the project's
 * containers, networks and volumes, and the folder.
 */
export function tempProject(prefix: string) {
  let dir: string | undefined;
  let name = '';
  return {
    get name(): string {
      return name;
    },
    async create(file: string, files: Record<string, string> = {}): Promise<string> {
      dir = await mkdtemp(path.join(tmpdir(), `slipway-${prefix}-`));
      name = uniqueProjectName(prefix);
      await writeFile(path.join(dir, 'compose.yaml'), file);
      for (const [relative, text] of Object.entries(files)) await writeFile(path.join(dir, relative), text);
      return dir;
    },
    async cleanup(): Promise<void> {
      await removeProjectResources(testDocker(), name);
      if (dir) await rm(dir, { recursive: true, force: true });
      dir = undefined;
    },
  };
}

/** `app` runs on; `tests` prints two lines and exits 5 (up --abort-on-container-exit, --exit-code-from). */
export const ABORT_ON_EXIT_FILE = `services:
  app:
    image: busybox:latest
    init: true
    command: ["sleep", "3600"]
  tests:
    image: busybox:latest
    command: ["sh", "-c", "echo testing; echo all passed; exit 5"]
    depends_on: [app]
`;
