import { afterAll, describe, expect, it } from 'vitest';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import type { EngineEvent } from '../../../electron/core/docker/engine-events';
import type { TimelineRun } from '../../../shared/contract/timeline';
import { runCliCaptured } from '../../support/capture-cli';
import { removeProjectResources, testDocker, testEnv, uniqueProjectName } from '../../support/engine';
import { tempProject } from '../images/images-fixture';
import { recordEvents } from './stack-fixtures';

/** A busybox service healthy as soon as its first probe runs (every second), stopped fast. */
const healthy = (extra = '') => `    image: busybox:latest
    init: true
    network_mode: none
    command: ["sleep", "300"]
    stop_grace_period: 1s
    healthcheck: { test: ["CMD", "true"], interval: 1s, timeout: 1s, retries: 30 }
${extra}`;
const plain = (extra = '') => `    image: busybox:latest
    init: true
    network_mode: none
    command: ["sleep", "300"]
    stop_grace_period: 1s
${extra}`;

/** db (healthcheck) ← api (waits for db healthy; healthcheck) ← web (waits for api healthy); side on its own. */
const chain = (name: string) => `name: ${name}
services:
  db:
${healthy()}  api:
${healthy('    depends_on: { db: { condition: service_healthy } }\n')}  web:
${plain('    depends_on: { api: { condition: service_healthy } }\n')}  side:
${healthy()}`;

/** The time of the service's first such Docker event, in epoch ms. */
function eventTime(events: EngineEvent[], service: string, action: string): number {
  const event = events.find((e) => e.Actor.Attributes['com.docker.compose.service'] === service && e.Action === action);
  if (!event) throw new Error(`no ${action} event for ${service}`);
  return event.timeNano / 1e6;
}

/** Each service's created/started/ready times are Docker's own, within 100 ms. */
function expectDockerTimes(run: TimelineRun, events: EngineEvent[], ready: Record<string, string>): void {
  for (const service of run.services) {
    expect(Math.abs((service.createdAt ?? 0) - eventTime(events, service.service, 'create'))).toBeLessThan(100);
    expect(Math.abs((service.startedAt ?? 0) - eventTime(events, service.service, 'start'))).toBeLessThan(100);
    expect(Math.abs((service.readyAt ?? 0) - eventTime(events, service.service, ready[service.service] ?? 'start'))).toBeLessThan(100);
  }
}

describe('the startup timeline, against Docker’s own events', () => {
  const docker = testDocker();
  const names: string[] = [];
  const cleanups: (() => void)[] = [];
  const cores: SlipwayCore[] = [];
  afterAll(async () => {
    await Promise.all(names.map((n) => removeProjectResources(docker, n)));
    await Promise.all(cores.map((c) => c.dispose()));
    for (const cleanup of cleanups) cleanup();
  });

  function project(prefix: string, compose: (name: string) => string): { name: string; dir: string } {
    const name = uniqueProjectName(prefix);
    names.push(name);
    const files = tempProject({ 'compose.yaml': compose(name) });
    cleanups.push(files.cleanup);
    return { name, dir: files.dir };
  }

  it('records each phase at Docker’s times, what held each service, and the critical path; live while up runs', async () => {
    const { name, dir } = project('tl', chain);
    const core = new SlipwayCore({ env: testEnv() });
    cores.push(core);
    const opened = await core.client().call('projects.open', { path: dir });
    const recorder = await recordEvents(docker, name);
    const live: TimelineRun[] = [];
    core.events.on('timeline.changed', (e) => {
      if (e.projectId === opened.projectId) live.push(e.run);
    });
    await core.client().runTask('stack.up', { projectId: opened.projectId, wait: true });
    const { run } = await core.client().call('timeline.get', { projectId: opened.projectId, settleMs: 60_000 });
    // This test's own events stream may be a moment behind the core's.
    await recorder.waitFor((e) => e.Action === 'start' && e.Actor.Attributes['com.docker.compose.service'] === 'web');
    recorder.stop();
    if (!run) throw new Error('no timeline run');

    expect(run.criticalPath).toEqual(['db', 'api', 'web']);
    expect(run.services.map((s) => s.service)).toEqual(['db', 'side', 'api', 'web']);
    expect(run.services.find((s) => s.service === 'side')?.critical).toBe(false);
    expectDockerTimes(run, recorder.events, { db: 'health_status: healthy', api: 'health_status: healthy', side: 'health_status: healthy' });
    const api = run.services.find((s) => s.service === 'api');
    expect(api?.heldBy).toMatchObject({ service: 'db', condition: 'healthy' });
    expect(Math.abs((api?.heldBy?.until ?? 0) - eventTime(recorder.events, 'db', 'health_status: healthy'))).toBeLessThan(100);
    expect(run.services.find((s) => s.service === 'web')?.heldBy).toMatchObject({ service: 'api', condition: 'healthy' });
    expect(api?.phases.map((p) => p.name)).toContain('healthcheck');
    expect(run.settled && run.ok).toBe(true);
    // Drawn live: the dashboard saw the run before web was ready.
    expect(live.some((r) => r.id === run.id && r.services.find((s) => s.service === 'web')?.readyAt === null)).toBe(true);
  });

  it('shows a service’s build as a phase before its container is created', async () => {
    const name = uniqueProjectName('tlbuild');
    names.push(name);
    const files = tempProject({
      'compose.yaml': `name: ${name}\nservices:\n  app:\n    build: { context: . }\n${plain()}`.replace('    image: busybox:latest\n', ''),
      Dockerfile: 'FROM busybox:latest\nRUN echo built > /built.txt\n',
    });
    cleanups.push(files.cleanup);
    const core = new SlipwayCore({ env: testEnv() });
    cores.push(core);
    const opened = await core.client().call('projects.open', { path: files.dir });
    await core.client().runTask('stack.up', { projectId: opened.projectId, wait: true });
    const { run } = await core.client().call('timeline.get', { projectId: opened.projectId, settleMs: 60_000 });
    const app = run?.services.find((s) => s.service === 'app');
    const building = app?.phases.find((p) => p.name === 'building');
    expect(building?.to).toBeGreaterThan(building?.from ?? Infinity);
    expect(app?.createdAt).toBeGreaterThan(building?.to ?? Infinity);
    expect(run?.criticalPath).toEqual(['app']);
  });

  it('`slipway timeline --json` reads the last run of a `slipway up -d` that exited before every healthcheck passed', async () => {
    const late = (name: string) => `${chain(name)}  late:
    image: busybox:latest
    init: true
    network_mode: none
    command: ["sleep", "300"]
    stop_grace_period: 1s
    healthcheck: { test: ["CMD", "test", "-f", "/tmp/ready"], interval: 1s, timeout: 1s, retries: 30 }
`;
    const { name, dir } = project('tlcli', late);
    const env = testEnv();
    const recorder = await recordEvents(docker, name);
    const up = await runCliCaptured({ argv: ['up', '-d'], env, cwd: dir });
    expect(up.code, up.err).toBe(0);
    // up -d is back once web started; late becomes healthy only now, after the CLI exited.
    const exec = await docker.getContainer(`${name}-late-1`).exec({ Cmd: ['touch', '/tmp/ready'] });
    await exec.start({ hijack: false, stdin: false });
    await recorder.waitFor((e) => e.Action === 'health_status: healthy' && e.Actor.Attributes['com.docker.compose.service'] === 'late', 30_000);
    recorder.stop();
    const shown = await runCliCaptured({ argv: ['timeline', '--json'], env, cwd: dir });
    expect(shown.code, shown.err).toBe(0);
    const run = JSON.parse(shown.out) as TimelineRun;
    expect(run.project).toBe(name);
    expect(run.criticalPath).toEqual(['late']);
    expectDockerTimes(run, recorder.events, { db: 'health_status: healthy', api: 'health_status: healthy', side: 'health_status: healthy', late: 'health_status: healthy' });
    const web = run.services.find((s) => s.service === 'web');
    expect(web?.dependencies).toEqual([expect.objectContaining({ service: 'api', condition: 'healthy' })]);
    expect(web?.waitedFor).toBe('api');

    const gantt = await runCliCaptured({ argv: ['timeline'], env, cwd: dir });
    expect(gantt.code, gantt.err).toBe(0);
    expect(gantt.out).toContain('critical path: late');
    expect(gantt.out).toMatch(/^ {2}api +.*waited \d+\.\d s for db \(healthy\)/m);
  });
});
