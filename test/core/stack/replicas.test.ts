import { afterEach, describe, expect, it } from 'vitest';
import { listProjectContainers, restartServices, stopServices, upProject } from '../../../electron/core/stack';
import type { StackProgress } from '../../../electron/core/stack';
import { eventIndex, makeProject, recordEvents, sleeper, stackContext } from './stack-fixtures';
import type { EventRecorder, StackTestContext } from './stack-fixtures';
import type { EngineEvent } from '../../../electron/core/docker/engine-events';
import type { Project } from '../../../shared/model/project';
import { runOneOff } from '../../../electron/core/stack/run';

/** The replicas of a service now: number, name, state, id. */
async function replicas(ctx: StackTestContext, service: string) {
  return (await listProjectContainers(ctx.docker, ctx.name, [service])).map((c) => ({ number: c.number, name: c.name, state: c.state, id: c.id }));
}

const named = (name: string, action: string) => (e: EngineEvent) => e.Actor.Attributes.name === name && e.Action.startsWith(action);

/** Runs a command in a running container and waits for it to end. */
async function execIn(ctx: StackTestContext, container: string, cmd: string[]): Promise<void> {
  const exec = await ctx.docker.getContainer(container).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({});
  stream.resume();
  await new Promise((resolve) => stream.on('end', resolve));
}

describe('replicas: scale and deploy.replicas', () => {
  let ctx: StackTestContext;
  afterEach(async () => ctx?.cleanup());

  /** Two db replicas started: the first made healthy (touch /tmp/ready), then `second` run in the second. */
  async function firstHealthyThen(recorder: EventRecorder, second: string[]): Promise<[string, string]> {
    const [db1, db2] = [1, 2].map((n) => `${ctx.name}-db-${n}`) as [string, string];
    await recorder.waitFor(named(db1, 'start'));
    await recorder.waitFor(named(db2, 'start'));
    await execIn(ctx, db1, ['touch', '/tmp/ready']);
    await recorder.waitFor(named(db1, 'health_status: healthy'));
    await execIn(ctx, db2, second);
    return [db1, db2];
  }

  it('deploy.replicas: 3 runs three numbered containers; --scale down removes the highest numbers, up keeps the others untouched, 0 removes all', async () => {
    ctx = stackContext('replicas');
    const project = makeProject(ctx.name, { web: sleeper({ deploy: { replicas: 3 } }) });
    await upProject(ctx.core, project, { wait: true });
    const three = await replicas(ctx, 'web');
    expect(three.map((c) => [c.number, c.name, c.state])).toEqual([1, 2, 3].map((n) => [n, `${ctx.name}-web-${n}`, 'running']));
    for (const c of three) {
      const info = await ctx.docker.getContainer(c.id).inspect();
      expect(info.Config.Labels['com.docker.compose.container-number']).toBe(String(c.number));
    }

    // Scale down to 1: 2 and 3 are stopped, then removed; 1 is not touched.
    const recorder = await recordEvents(ctx.docker, ctx.name);
    const lines: StackProgress[] = [];
    const down = await upProject(ctx.core, project, { wait: true, scale: { web: 1 }, onProgress: (p) => lines.push(p) });
    expect(down.actions.web).toBe('unchanged');
    const one = await replicas(ctx, 'web');
    expect(one).toEqual([three[0]]);
    for (const n of [2, 3]) {
      await recorder.waitFor(named(`${ctx.name}-web-${n}`, 'destroy'));
      expect(recorder.events.findIndex(named(`${ctx.name}-web-${n}`, 'kill'))).toBeLessThan(recorder.events.findIndex(named(`${ctx.name}-web-${n}`, 'destroy')));
      expect(lines.some((l) => l.name === `${ctx.name}-web-${n}` && l.status === 'Removed')).toBe(true);
    }

    // Scale up to 3 again: numbered on from the highest, 1 left as it was.
    const up = await upProject(ctx.core, project, { wait: true, scale: { web: 3 } });
    expect(up.actions.web).toBe('created');
    const again = await replicas(ctx, 'web');
    expect(again.map((c) => [c.number, c.state])).toEqual([[1, 'running'], [2, 'running'], [3, 'running']]);
    expect(again[0]).toEqual(three[0]);
    recorder.stop();
    expect(recorder.events.some((e) => e.Actor.ID === three[0]?.id)).toBe(false);

    // Scale 0: nothing runs and nothing is left.
    expect((await upProject(ctx.core, project, { wait: true, scale: { web: 0 } })).actions.web).toBe('removed');
    expect(await replicas(ctx, 'web')).toEqual([]);
  });

  it('recreates every replica on a config change, each keeping its own anonymous volume', async () => {
    ctx = stackContext('replicas-recreate');
    const project = makeProject(ctx.name, { web: sleeper({ scale: 2, volumes: [{ type: 'volume', target: '/data' }] }) });
    await upProject(ctx.core, project, { wait: true });
    const volumeOf = async (name: string) => (await ctx.docker.getContainer(name).inspect()).Mounts.find((m) => m.Destination === '/data')?.Name;
    const before = await Promise.all([1, 2].map((n) => volumeOf(`${ctx.name}-web-${n}`)));
    expect(new Set(before).size).toBe(2);
    const changed = makeProject(ctx.name, { web: sleeper({ scale: 2, volumes: [{ type: 'volume', target: '/data' }], environment: { CHANGED: '1' } }) });
    const result = await upProject(ctx.core, changed, { wait: true });
    expect(result.actions.web).toBe('recreated');
    const after = await replicas(ctx, 'web');
    expect(after.map((c) => c.number)).toEqual([1, 2]);
    expect(await Promise.all([1, 2].map((n) => volumeOf(`${ctx.name}-web-${n}`)))).toEqual(before);
    for (const c of after) expect((await ctx.docker.getContainer(c.id).inspect()).Config.Env).toContain('CHANGED=1');
  });

  it('a dependent starts only once every replica of its dependency is healthy', async () => {
    ctx = stackContext('replicas-gate');
    const project = makeProject(ctx.name, {
      // Healthy once /tmp/ready exists: the test makes each replica ready in turn.
      db: sleeper({ scale: 2, healthcheck: { test: ['CMD', 'test', '-f', '/tmp/ready'], interval: '1s', timeout: '1s', retries: 60 } }),
      web: sleeper({ depends_on: { db: { condition: 'service_healthy', required: true } } }),
    });
    const recorder = await recordEvents(ctx.docker, ctx.name);
    const up = upProject(ctx.core, project, { wait: true });
    const [db1, db2] = await firstHealthyThen(recorder, ['touch', '/tmp/ready']);
    await up;
    // Docker's event for web's start may come after up returned.
    await recorder.waitFor((e) => e.Action === 'start' && e.Actor.Attributes['com.docker.compose.service'] === 'web');
    recorder.stop();
    const ev = recorder.events;
    expect(eventIndex(ev, 'web', 'start')).toBeGreaterThan(ev.findIndex(named(db2, 'health_status: healthy')));
    expect(ev.findIndex(named(db2, 'health_status: healthy'))).toBeGreaterThan(ev.findIndex(named(db1, 'health_status: healthy')));
  });

  /**
   * A healthy-gated dependency with two replicas: the first turns healthy, then the second dies
   * before it is. What `start` (up, run) came to, and the events; the dependent must not start.
   */
  async function secondReplicaDies(prefix: string, start: (project: Project) => Promise<unknown>) {
    ctx = stackContext(prefix);
    const project = makeProject(ctx.name, {
      // Healthy once /tmp/ready exists; exits 5 once /tmp/stop does.
      db: {
        image: 'busybox:latest', scale: 2, stop_grace_period: '1s',
        command: ['sh', '-c', 'until [ -f /tmp/stop ]; do sleep 0.1; done; exit 5'],
        healthcheck: { test: ['CMD', 'test', '-f', '/tmp/ready'], interval: '1s', timeout: '1s', retries: 60 },
      },
      tool: sleeper({ depends_on: { db: { condition: 'service_healthy', required: true } } }),
    });
    const recorder = await recordEvents(ctx.docker, ctx.name);
    const outcome = start(project).then(() => 'resolved', (error: Error) => error.message);
    await firstHealthyThen(recorder, ['touch', '/tmp/stop']);
    const message = await outcome;
    recorder.stop();
    return { message, toolStarted: recorder.events.some((e) => e.Actor.Attributes['com.docker.compose.service'] === 'tool' && e.Action === 'start') };
  }

  it('up: a replica of a healthy-gated dependency that dies before it is healthy fails the dependent', async () => {
    const { message, toolStarted } = await secondReplicaDies('replicas-die', (project) => upProject(ctx.core, project, {}));
    expect(message).toMatch(/Service db exited with code 5 before it was healthy/);
    expect(toolStarted).toBe(false);
  });

  it('run waits for every replica of a dependency the service needs healthy: one that dies fails it', async () => {
    const { message, toolStarted } = await secondReplicaDies('replicas-run', (project) => runOneOff(ctx.core, project, 'tool', { detach: true }));
    expect(message).toMatch(/Service db exited with code 5 before it was healthy; tool was not run/);
    expect(toolStarted).toBe(false);
  });

  it('service_completed_successfully needs every replica to exit 0', async () => {
    ctx = stackContext('replicas-oneshot');
    const project = makeProject(ctx.name, {
      // Each replica exits with the code the test writes into it.
      migrate: { image: 'busybox:latest', scale: 2, stop_grace_period: '1s', command: ['sh', '-c', 'until [ -f /tmp/code ]; do sleep 0.1; done; exit $(cat /tmp/code)'] },
      web: sleeper({ depends_on: { migrate: { condition: 'service_completed_successfully', required: true } } }),
    });
    const recorder = await recordEvents(ctx.docker, ctx.name);
    const up = upProject(ctx.core, project, { wait: true });
    const outcome = up.then(() => 'resolved', (error: Error) => error.message);
    const [m1, m2] = [1, 2].map((n) => `${ctx.name}-migrate-${n}`) as [string, string];
    await recorder.waitFor(named(m1, 'start'));
    await recorder.waitFor(named(m2, 'start'));
    // The first replica completes; the dependent must still wait for the second, which fails.
    await execIn(ctx, m1, ['sh', '-c', 'echo 0 > /tmp/code']);
    await recorder.waitFor(named(m1, 'die'));
    await execIn(ctx, m2, ['sh', '-c', 'echo 3 > /tmp/code']);
    expect(await outcome).toMatch(/migrate exited with code 3/);
    recorder.stop();
    expect(recorder.events.some((e) => e.Actor.Attributes['com.docker.compose.service'] === 'web' && e.Action === 'start')).toBe(false);
  });

  it('stop and restart act on every replica', async () => {
    ctx = stackContext('replicas-ops');
    const project = makeProject(ctx.name, { web: sleeper({ scale: 2 }) });
    await upProject(ctx.core, project, { wait: true });
    await stopServices(ctx.core, project, { services: ['web'] });
    expect((await replicas(ctx, 'web')).map((c) => c.state)).toEqual(['exited', 'exited']);
    await restartServices(ctx.core, project, { services: ['web'] });
    expect((await replicas(ctx, 'web')).map((c) => c.state)).toEqual(['running', 'running']);

    // One replica (the dashboard's per-replica buttons): the other is left alone.
    await stopServices(ctx.core, project, { services: ['web'], index: 1 });
    expect((await replicas(ctx, 'web')).map((c) => c.state)).toEqual(['exited', 'running']);
    const recorder = await recordEvents(ctx.docker, ctx.name);
    await restartServices(ctx.core, project, { services: ['web'], index: 2 });
    await recorder.waitFor(named(`${ctx.name}-web-2`, 'restart'));
    recorder.stop();
    expect((await replicas(ctx, 'web')).map((c) => c.state)).toEqual(['exited', 'running']);
    expect(recorder.events.some(named(`${ctx.name}-web-1`, ''))).toBe(false);
    await expect(restartServices(ctx.core, project, { services: ['web'], index: 3 })).rejects.toThrow('service "web" has no container number 3 (it has 1, 2)');
  });

  it('scale above 1 with container_name is refused, naming the service', async () => {
    ctx = stackContext('replicas-name');
    const project = makeProject(ctx.name, { web: sleeper({ container_name: `${ctx.name}-fixed` }) });
    await expect(upProject(ctx.core, project, { scale: { web: 2 } })).rejects.toThrow(/"web" service is using the custom container name .*unique name/);
    expect(await replicas(ctx, 'web')).toEqual([]);
  });

  it('a fixed host port on several replicas: the engine’s refusal says why', async () => {
    ctx = stackContext('replicas-port');
    const project = makeProject(ctx.name, { web: sleeper({ scale: 2, ports: [{ target: 80, published: '48123', host_ip: '127.0.0.1', protocol: 'tcp', mode: 'ingress' }] }) });
    await expect(upProject(ctx.core, project, {})).rejects.toThrow(/port 127\.0\.0\.1:48123 is already in use: web runs 2 replicas/);
  });
});
