import { afterEach, describe, expect, it } from 'vitest';
import { upProject } from '../../../electron/core/stack';
import type { StackProgress } from '../../../electron/core/stack';
import { eventIndex, hasEvent, healthySleeper, makeProject, oneShot, recordEvents, sleeper, stackContext } from './stack-fixtures';
import type { StackTestContext } from './stack-fixtures';

describe('up: order from Docker’s own events', () => {
  let ctx: StackTestContext;
  afterEach(async () => ctx?.cleanup());

  it('starts each service only once its dependencies meet their conditions', async () => {
    ctx = stackContext('order');
    const project = makeProject(ctx.name, {
      db: healthySleeper(1),
      migrate: oneShot(0, { depends_on: { db: { condition: 'service_healthy', required: true } } }),
      cache: sleeper(),
      web: sleeper({
        depends_on: {
          migrate: { condition: 'service_completed_successfully', required: true },
          cache: { condition: 'service_started', required: true },
        },
      }),
      worker: healthySleeper(0, { depends_on: { web: { condition: 'service_started', required: true } } }),
      edge: sleeper({ depends_on: { worker: { condition: 'service_healthy', required: true } } }),
    });
    const recorder = await recordEvents(ctx.docker, ctx.name);
    const lines: StackProgress[] = [];
    const states: string[] = [];
    // The dashboard sees an up through the one state feed.
    const seen = new Promise<void>((resolve) => ctx.core.events.on('state.changed', (e) => {
      if (e.projectId === ctx.name) for (const s of e.state.services) states.push(`${s.service}:${s.state}`);
      if (states.includes('db:healthy') && states.includes('migrate:completed')) resolve();
    }));
    await ctx.core.state().start();
    const result = await upProject(ctx.core, project, { wait: true, onProgress: (p) => lines.push(p) });
    await recorder.waitFor((e) => e.Action === 'start' && e.Actor.Attributes['com.docker.compose.service'] === 'edge');
    recorder.stop();
    const ev = recorder.events;
    // Every container was created.
    for (const s of ['db', 'migrate', 'cache', 'web', 'worker', 'edge']) expect(hasEvent(ev, s, 'create')).toBe(true);
    expect(eventIndex(ev, 'migrate', 'start')).toBeGreaterThan(eventIndex(ev, 'db', 'health_status: healthy'));
    expect(eventIndex(ev, 'web', 'start')).toBeGreaterThan(eventIndex(ev, 'migrate', 'die'));
    expect(eventIndex(ev, 'web', 'start')).toBeGreaterThan(eventIndex(ev, 'cache', 'start'));
    expect(eventIndex(ev, 'worker', 'start')).toBeGreaterThan(eventIndex(ev, 'web', 'start'));
    expect(eventIndex(ev, 'edge', 'start')).toBeGreaterThan(eventIndex(ev, 'worker', 'health_status: healthy'));
    expect(ev.find((e) => e.Action === 'die' && e.Actor.Attributes['com.docker.compose.service'] === 'migrate')?.Actor.Attributes.exitCode).toBe('0');
    expect(Object.values(result.actions).every((a) => a === 'created')).toBe(true);
    expect(lines.some((l) => l.kind === 'Container' && l.name === `${ctx.name}-db-1` && l.status === 'Healthy')).toBe(true);
    await seen;
    expect(states).toContain('db:healthy');
    expect(states).toContain('migrate:completed');
  });

  it('creates Compose names, labels, networks with the service alias, and log rotation', async () => {
    ctx = stackContext('labels');
    const project = makeProject(ctx.name, {
      api: sleeper({ environment: { GREETING: 'hi', EMPTY: null }, labels: { team: 'core' } }),
      logs: sleeper({ logging: { driver: 'json-file', options: { 'max-size': '1m' } } }),
    }, { volumes: { data: {} } });
    project.model.services.api!.volumes = [{ type: 'volume', source: 'data', target: '/data' }];
    await upProject(ctx.core, project, { wait: true });
    const api = await ctx.docker.getContainer(`${ctx.name}-api-1`).inspect();
    expect(api.Config.Labels).toMatchObject({
      'com.docker.compose.project': ctx.name,
      'com.docker.compose.service': 'api',
      'com.docker.compose.container-number': '1',
      'com.docker.compose.oneoff': 'False',
      team: 'core',
    });
    expect(api.Config.Labels['com.docker.compose.config-hash']).toMatch(/^[0-9a-f]{64}$/);
    expect(api.Config.Env).toContain('GREETING=hi');
    expect(api.Config.Env.some((e) => e.startsWith('EMPTY='))).toBe(false);
    expect(api.HostConfig.LogConfig).toEqual({ Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } });
    expect(api.HostConfig.Init).toBe(true);
    expect((api.Config as { StopTimeout?: number }).StopTimeout).toBe(1);
    expect(api.NetworkSettings.Networks[`${ctx.name}_default`]?.Aliases).toContain('api');
    expect(api.Mounts.find((m) => m.Destination === '/data')?.Name).toBe(`${ctx.name}_data`);
    const logs = await ctx.docker.getContainer(`${ctx.name}-logs-1`).inspect();
    expect(logs.HostConfig.LogConfig).toEqual({ Type: 'json-file', Config: { 'max-size': '1m' } });
    const network = await ctx.docker.getNetwork(`${ctx.name}_default`).inspect();
    expect(network.Labels?.['com.docker.compose.network']).toBe('default');
  });
});
