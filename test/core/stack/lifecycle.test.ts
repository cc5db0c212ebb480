import { afterEach, describe, expect, it } from 'vitest';
import { downProject, listProjectContainers, recreateService, restartServices, startServices, stopServices, upProject } from '../../../electron/core/stack';
import { eventIndex, hasEvent, healthySleeper, makeProject, oneShot, recordEvents, sleeper, stackContext } from './stack-fixtures';
import type { StackTestContext } from './stack-fixtures';

function chain(name: string) {
  return makeProject(name, {
    db: healthySleeper(0),
    migrate: oneShot(0, { depends_on: { db: { condition: 'service_healthy', required: true } } }),
    api: healthySleeper(0, { depends_on: { migrate: { condition: 'service_completed_successfully', required: true } } }),
    web: sleeper({ depends_on: { api: { condition: 'service_healthy', required: true, restart: true } } }),
  }, { volumes: { data: {} } });
}

describe('up is idempotent; down leaves nothing', () => {
  let ctx: StackTestContext;
  afterEach(async () => ctx?.cleanup());

  it('a second up changes nothing', async () => {
    ctx = stackContext('idem');
    const project = chain(ctx.name);
    await upProject(ctx.core, project, { wait: true });
    const before = await listProjectContainers(ctx.docker, ctx.name);
    const recorder = await recordEvents(ctx.docker, ctx.name);
    const result = await upProject(ctx.core, project, { wait: true });
    const after = await listProjectContainers(ctx.docker, ctx.name);
    recorder.stop();
    expect(Object.values(result.actions).every((a) => a === 'unchanged')).toBe(true);
    expect(after.map((c) => c.id)).toEqual(before.map((c) => c.id));
    expect(recorder.events.filter((e) => ['create', 'start', 'kill', 'die', 'destroy'].includes(e.Action))).toEqual([]);
  });

  it('a changed service is recreated alone, plus its restart: true dependents restarted', async () => {
    ctx = stackContext('recreate');
    const project = chain(ctx.name);
    await upProject(ctx.core, project, { wait: true });
    const before = new Map((await listProjectContainers(ctx.docker, ctx.name)).map((c) => [c.service, c.id]));
    project.model.services.api!.environment = { CHANGED: '1' };
    const result = await upProject(ctx.core, project, { wait: true });
    const after = new Map((await listProjectContainers(ctx.docker, ctx.name)).map((c) => [c.service, c.id]));
    expect(result.actions).toEqual({ api: 'recreated', db: 'unchanged', migrate: 'unchanged', web: 'restarted' });
    expect(after.get('api')).not.toBe(before.get('api'));
    for (const s of ['db', 'migrate', 'web']) expect(after.get(s)).toBe(before.get(s));
    const api = await ctx.docker.getContainer(after.get('api')!).inspect();
    expect(api.Config.Env).toContain('CHANGED=1');
    expect(api.Name).toBe(`/${ctx.name}-api-1`);
  });

  it('orphans are reported, and removed with removeOrphans', async () => {
    ctx = stackContext('orphan');
    const project = chain(ctx.name);
    await upProject(ctx.core, project, {});
    delete project.model.services.web;
    const first = await upProject(ctx.core, project, {});
    expect(first.orphans).toEqual(['web']);
    expect(first.warnings.join()).toContain('--remove-orphans');
    const second = await upProject(ctx.core, project, { removeOrphans: true });
    expect(second.orphans).toEqual(['web']);
    expect((await listProjectContainers(ctx.docker, ctx.name)).map((c) => c.service).sort()).toEqual(['api', 'db', 'migrate']);
  });

  it('down removes containers in reverse order, networks, and with volumes the named volumes', async () => {
    ctx = stackContext('down');
    const project = chain(ctx.name);
    project.model.services.db!.volumes = [{ type: 'volume', source: 'data', target: '/data' }];
    await upProject(ctx.core, project, { wait: true });
    const recorder = await recordEvents(ctx.docker, ctx.name);
    await downProject(ctx.core, project, { volumes: true });
    await recorder.waitFor((e) => e.Action === 'destroy' && e.Actor.Attributes['com.docker.compose.service'] === 'db');
    recorder.stop();
    expect(eventIndex(recorder.events, 'db', 'kill')).toBeGreaterThan(eventIndex(recorder.events, 'api', 'die'));
    expect(eventIndex(recorder.events, 'api', 'kill')).toBeGreaterThan(eventIndex(recorder.events, 'web', 'die'));
    const filter = { label: [`com.docker.compose.project=${ctx.name}`] };
    expect(await ctx.docker.listContainers({ all: true, filters: filter })).toEqual([]);
    expect(await ctx.docker.listNetworks({ filters: filter })).toEqual([]);
    expect((await ctx.docker.listVolumes({ filters: filter })).Volumes ?? []).toEqual([]);
    expect(await ctx.docker.getNetwork(`${ctx.name}_default`).inspect().then(() => true, () => false)).toBe(false);
  });

  it('stop, start and restart honour the dependency order', async () => {
    ctx = stackContext('startstop');
    const project = chain(ctx.name);
    await upProject(ctx.core, project, { wait: true });
    const stopping = await recordEvents(ctx.docker, ctx.name);
    await stopServices(ctx.core, project, { timeoutSeconds: 1 });
    await stopping.waitFor((e) => e.Action === 'die' && e.Actor.Attributes['com.docker.compose.service'] === 'db');
    stopping.stop();
    // db waits for web although the one-shot between them (migrate) has nothing to stop.
    expect(eventIndex(stopping.events, 'db', 'kill')).toBeGreaterThan(eventIndex(stopping.events, 'web', 'die'));
    const stopped = await listProjectContainers(ctx.docker, ctx.name);
    expect(stopped.every((c) => c.state === 'exited')).toBe(true);
    const recorder = await recordEvents(ctx.docker, ctx.name);
    await startServices(ctx.core, project, {});
    await recorder.waitFor((e) => e.Action === 'start' && e.Actor.Attributes['com.docker.compose.service'] === 'web');
    expect(eventIndex(recorder.events, 'api', 'start')).toBeGreaterThan(eventIndex(recorder.events, 'db', 'health_status: healthy'));
    expect(eventIndex(recorder.events, 'web', 'start')).toBeGreaterThan(eventIndex(recorder.events, 'api', 'health_status: healthy'));
    // The completed one-shot is not run again.
    expect(hasEvent(recorder.events, 'migrate', 'start')).toBe(false);
    recorder.events.length = 0;
    await restartServices(ctx.core, project, { services: ['api'] });
    // web declares restart: true on api, so it is restarted after api is healthy again.
    await recorder.waitFor((e) => e.Action === 'start' && e.Actor.Attributes['com.docker.compose.service'] === 'web');
    recorder.stop();
    expect(eventIndex(recorder.events, 'web', 'start')).toBeGreaterThan(eventIndex(recorder.events, 'api', 'health_status: healthy'));
    expect(hasEvent(recorder.events, 'db', 'start')).toBe(false);
  });

  it('recreateService replaces one container and waits until it is ready', async () => {
    ctx = stackContext('recreateone');
    const project = chain(ctx.name);
    await upProject(ctx.core, project, { wait: true });
    const before = new Map((await listProjectContainers(ctx.docker, ctx.name)).map((c) => [c.service, c.id]));
    const result = await recreateService(ctx.core, project, 'api');
    expect(result.actions).toEqual({ api: 'recreated' });
    const after = await listProjectContainers(ctx.docker, ctx.name);
    const api = after.find((c) => c.service === 'api');
    expect(api?.id).not.toBe(before.get('api'));
    expect(api?.health).toBe('healthy');
    expect(after.find((c) => c.service === 'db')?.id).toBe(before.get('db'));
  });
});
