import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ServiceFailedError, downProject, listProjectContainers, upProject } from '../../../electron/core/stack';
import { hasEvent, healthySleeper, makeProject, oneShot, recordEvents, sleeper, stackContext } from './stack-fixtures';
import type { StackTestContext } from './stack-fixtures';

async function rejection(promise: Promise<unknown>): Promise<ServiceFailedError> {
  try {
    await promise;
  } catch (error) {
    return error as ServiceFailedError;
  }
  throw new Error('expected a failure');
}

describe('up: failures', () => {
  let ctx: StackTestContext;
  let server: Server | undefined;
  afterEach(async () => {
    server?.close();
    server = undefined;
    await ctx?.cleanup();
  });

  it('a failing one-shot stops its dependents; the error names it and carries its last log lines', async () => {
    ctx = stackContext('fail');
    const project = makeProject(ctx.name, {
      migrate: oneShot(3),
      web: sleeper({ depends_on: { migrate: { condition: 'service_completed_successfully', required: true } } }),
      front: sleeper({ depends_on: { web: { condition: 'service_started', required: true } } }),
      side: sleeper(),
    });
    const recorder = await recordEvents(ctx.docker, ctx.name);
    const error = await rejection(upProject(ctx.core, project, { wait: true }));
    expect(error).toBeInstanceOf(ServiceFailedError);
    expect(error.service).toBe('migrate');
    expect(error.message).toBe('Service migrate exited with code 3; not started: front, web');
    expect(error.logTail).toEqual(['one-shot line 1', 'one-shot says bye']);
    expect(error.hint).toContain('one-shot says bye');
    await recorder.waitFor((e) => e.Action === 'start' && e.Actor.Attributes['com.docker.compose.service'] === 'side');
    recorder.stop();
    expect(hasEvent(recorder.events, 'web', 'start')).toBe(false);
    expect(hasEvent(recorder.events, 'front', 'start')).toBe(false);
  });

  it('an unhealthy dependency stops its dependents', async () => {
    ctx = stackContext('unhealthy');
    const project = makeProject(ctx.name, {
      db: sleeper({ healthcheck: { test: ['CMD', 'false'], interval: '1s', timeout: '1s', retries: 1 } }),
      web: sleeper({ depends_on: { db: { condition: 'service_healthy', required: true } } }),
    });
    const error = await rejection(upProject(ctx.core, project, {}));
    expect(error.message).toBe('Service db is unhealthy; not started: web');
    // Created ahead, never started; down removes it with the rest.
    const web = await ctx.docker.getContainer(`${ctx.name}-web-1`).inspect();
    expect(web.State.Status).toBe('created');
    await downProject(ctx.core, project, { timeoutSeconds: 1 });
    expect(await listProjectContainers(ctx.docker, ctx.name)).toEqual([]);
  });

  it('required: false lets a dependent start although its dependency failed', async () => {
    ctx = stackContext('optional');
    const project = makeProject(ctx.name, {
      seed: oneShot(1),
      web: sleeper({ depends_on: { seed: { condition: 'service_completed_successfully', required: false } } }),
    });
    const warnings: string[] = [];
    const result = await upProject(ctx.core, project, { onProgress: (p) => p.kind === 'Warning' && warnings.push(p.status) });
    expect(result.actions.web).toBe('created');
    expect(warnings.join('\n')).toContain('Optional dependency seed of web failed (Service seed exited with code 1)');
    const web = await ctx.docker.getContainer(`${ctx.name}-web-1`).inspect();
    expect(web.State.Running).toBe(true);
  });

  it('service_healthy on a service without a healthcheck is an error that says what to add', async () => {
    ctx = stackContext('nohealth');
    const project = makeProject(ctx.name, {
      db: sleeper(),
      web: sleeper({ depends_on: { db: { condition: 'service_healthy', required: true } } }),
    });
    const error = await rejection(upProject(ctx.core, project, {}));
    expect(error.message).toContain('Service db has no healthcheck, but web waits for it to be healthy');
  });

  it('a dependency cycle is refused before anything is created', async () => {
    ctx = stackContext('cycle');
    const project = makeProject(ctx.name, {
      a: sleeper({ depends_on: { b: { condition: 'service_started', required: true } } }),
      b: sleeper({ depends_on: { c: { condition: 'service_started', required: true } } }),
      c: sleeper({ depends_on: { a: { condition: 'service_started', required: true } } }),
    });
    const error = await rejection(upProject(ctx.core, project, {}));
    expect(error.code).toBe('dependency_cycle');
    expect(error.message).toBe('Dependency cycle between services: a → b → c → a');
    expect(await ctx.docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${ctx.name}`] } })).toEqual([]);
  });

  it('a port already in use names the port and the service', async () => {
    ctx = stackContext('port');
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const project = makeProject(ctx.name, {
      api: sleeper({ ports: [{ target: 80, published: String(port), host_ip: '127.0.0.1', protocol: 'tcp', mode: 'ingress' }] }),
    });
    const error = await rejection(upProject(ctx.core, project, {}));
    expect(error.code).toBe('port_in_use');
    expect(error.message).toBe(`Service api: port 127.0.0.1:${port} is already in use`);
  });

  it('a missing image that cannot be pulled is named, with its registry', async () => {
    ctx = stackContext('noimage');
    const project = makeProject(ctx.name, { api: { image: '127.0.0.1:1/slipway/absent:v1' } });
    const error = await rejection(upProject(ctx.core, project, {}));
    expect(error.code).toBe('pull_failed');
    expect(error.message).toContain('service api: pull of 127.0.0.1:1/slipway/absent:v1 failed: Get "http');
    expect(error.message).not.toContain('HTTP code');
    expect(error.hint).toBe('Check that 127.0.0.1:1 is reachable.');
  });

  it('--wait with a timeout names what is not ready', async () => {
    ctx = stackContext('timeout');
    const project = makeProject(ctx.name, { slow: healthySleeper(30) });
    const error = await rejection(upProject(ctx.core, project, { wait: true, timeoutMs: 1500 }));
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('slow');
  });
});
