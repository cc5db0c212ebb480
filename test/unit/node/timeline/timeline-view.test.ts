import { describe, expect, it } from 'vitest';
import { addEngineEvent, addStep, type RunFacts } from '../../../../electron/core/timeline/run-facts';
import { timelineView } from '../../../../electron/core/timeline/timeline-view';
import { ganttLines } from '../../../../electron/cli/timeline-gantt';
import { serviceSummary, waitText } from '../../../../shared/timeline-text';

const T0 = 1_700_000_000_000;

/** db (healthcheck) ← api (healthy, healthcheck) ← web (healthy); side alone; migrate a one-shot api waits to complete. */
function facts(): RunFacts {
  return {
    id: 'r1',
    project: 'shop',
    kind: 'up',
    startedAt: T0,
    services: ['db', 'migrate', 'side', 'api', 'web'],
    deps: {
      db: [],
      migrate: [],
      side: [],
      api: [{ service: 'db', condition: 'healthy' }, { service: 'migrate', condition: 'completed' }],
      web: [{ service: 'api', condition: 'healthy' }],
    },
    steps: {},
    healthchecks: {},
    containers: {},
  };
}

function event(f: RunFacts, id: string, service: string, action: string, at: number, attributes: Record<string, string> = {}) {
  addEngineEvent(f, { time: T0 + at, action, id, service, attributes });
}

/** What up reports and Docker says, in order: [service, what, ms after the run's start]; "step:" lines are up's own. */
const HAPPY: [string, string, number][] = [
  ['db', 'step:Creating', 10], ['db', 'create', 40], ['migrate', 'create', 45], ['side', 'create', 50],
  ['db', 'step:Starting', 60], ['db', 'start', 100], ['migrate', 'start', 110], ['side', 'start', 120],
  ['api', 'create', 150], ['migrate', 'die', 600], ['side', 'health_status: healthy', 900],
  ['db', 'health_status: healthy', 1100], ['api', 'step:Starting', 1110], ['api', 'start', 1150],
  ['web', 'create', 1160], ['api', 'health_status: healthy', 2150], ['web', 'start', 2200],
];

function happyRun(): RunFacts {
  const f = facts();
  for (const [service, what, at] of HAPPY) {
    if (what.startsWith('step:')) addStep(f, service, what.slice('step:'.length), T0 + at);
    else event(f, `c-${service}`, service, what, at, what === 'die' ? { exitCode: '0' } : {});
  }
  f.containers['c-db']!.healthcheck = true;
  f.containers['c-api']!.healthcheck = true;
  f.containers['c-side']!.healthcheck = true;
  f.containers['c-web']!.healthcheck = false;
  f.containers['c-migrate']!.healthcheck = false;
  f.finishedAt = T0 + 2210;
  f.ok = true;
  return f;
}

describe('the startup timeline of a run', () => {
  it('follows what held each service back to the first: the critical path', () => {
    const run = timelineView(happyRun());
    expect(run.criticalPath).toEqual(['db', 'api', 'web']);
    expect(run.services.filter((s) => s.critical).map((s) => s.service).sort()).toEqual(['api', 'db', 'web']);
    expect(run.totalMs).toBe(2200);
    expect(run.settled).toBe(true);
  });

  it('ready is healthy with a healthcheck, the exit 0 of a one-shot waited on, else the start', () => {
    const run = timelineView(happyRun());
    const byName = Object.fromEntries(run.services.map((s) => [s.service, s]));
    expect(byName.db).toMatchObject({ state: 'healthy', createdAt: T0 + 40, startedAt: T0 + 100, readyAt: T0 + 1100 });
    expect(byName.migrate).toMatchObject({ state: 'completed', readyAt: T0 + 600 });
    expect(byName.web).toMatchObject({ state: 'started', readyAt: T0 + 2200 });
  });

  it('says which dependency held a service and how long it waited', () => {
    const api = timelineView(happyRun()).services.find((s) => s.service === 'api')!;
    expect(api.dependencies.map((w) => [w.service, w.condition, w.until])).toEqual([['migrate', 'completed', T0 + 600], ['db', 'healthy', T0 + 1100]]);
    expect(api.heldBy?.service).toBe('db');
    expect(waitText(api.heldBy!)).toBe('waited 1.1 s for db (healthy)');
    expect(api.phases.map((p) => p.name)).toEqual(['queued', 'waiting', 'starting', 'healthcheck']);
  });

  it('a dependency that held before the service’s own build ended is not what held it', () => {
    const f = happyRun();
    // web's image was built long after api was healthy: the build held web, not api.
    f.steps.web = { buildingAt: T0 + 20, builtAt: T0 + 2160 };
    const web = timelineView(f).services.find((s) => s.service === 'web')!;
    expect(web.heldBy).toBeNull();
    expect(timelineView(f).criticalPath).toEqual(['web']);
  });

  it('a failed dependency ends the path and the run is failed, not ready', () => {
    const f = facts();
    event(f, 'c-db', 'db', 'create', 10);
    event(f, 'c-db', 'db', 'start', 20);
    event(f, 'c-db', 'db', 'die', 500, { exitCode: '3' });
    f.finishedAt = T0 + 600;
    f.ok = false;
    const run = timelineView(f);
    const db = run.services.find((s) => s.service === 'db')!;
    expect(db).toMatchObject({ state: 'failed', failedAt: T0 + 500, exitCode: 3, readyAt: T0 + 20 });
    const api = run.services.find((s) => s.service === 'api')!;
    expect(api.state).toBe('not started');
    expect(serviceSummary(run, api)).toBe('not started, never got db (healthy)');
    expect(run.criticalPath).toEqual(['db']);
  });

  it('a replayed event changes nothing; events of other services or from before the run are ignored', () => {
    const f = happyRun();
    const before = JSON.stringify(f);
    addEngineEvent(f, { time: T0 + 5000, action: 'start', id: 'c-db', service: 'db', attributes: {} });
    addEngineEvent(f, { time: T0 + 10, action: 'create', id: 'x', service: 'other', attributes: {} });
    addEngineEvent(f, { time: T0 - 10, action: 'create', id: 'y', service: 'db', attributes: {} });
    expect(JSON.stringify(f)).toBe(before);
  });

  it('a service every replica of which must be healthy is ready with the last one', () => {
    const f = happyRun();
    event(f, 'c-db2', 'db', 'create', 45);
    event(f, 'c-db2', 'db', 'start', 105);
    event(f, 'c-db2', 'db', 'health_status: healthy', 1300);
    const db = timelineView(f).services.find((s) => s.service === 'db')!;
    expect(db.readyAt).toBe(T0 + 1300);
    expect(db.createdAt).toBe(T0 + 40);
  });

  it('draws a text Gantt with the critical path starred', () => {
    const lines = ganttLines(timelineView(happyRun()), { width: 40 });
    expect(lines[0]).toContain('db → api → web');
    const row = (name: string) => lines.find((l) => l.slice(2).startsWith(`${name} `))!;
    expect(row('db').startsWith('*')).toBe(true);
    expect(row('side').startsWith(' ')).toBe(true);
    expect(row('api')).toContain('waited 1.1 s for db (healthy)');
  });
});

describe('the timeline of a restart', () => {
  it('the stop before the new start is not a failure; ready is the healthcheck after it', () => {
    const f: RunFacts = { ...facts(), kind: 'restart', services: ['api'], deps: { api: [] }, healthchecks: { api: true } };
    addStep(f, 'api', 'Restarting', T0 + 5);
    event(f, 'c-api', 'api', 'health_status: healthy', 20);
    event(f, 'c-api', 'api', 'die', 100, { exitCode: '143' });
    event(f, 'c-api', 'api', 'start', 300);
    f.finishedAt = T0 + 310;
    // The compose file's healthcheck decides before any inspect answers: not ready at its start.
    expect(timelineView(f).services[0]).toMatchObject({ state: 'starting', readyAt: null });
    expect(timelineView(f).settled).toBe(false);
    event(f, 'c-api', 'api', 'health_status: healthy', 1300);
    // Replayed later from the engine's history (the CLI exited first): the stop is still not a failure.
    event(f, 'c-api', 'api', 'die', 100, { exitCode: '143' });
    const run = timelineView(f);
    expect(run.services[0]).toMatchObject({ state: 'healthy', failedAt: null, startedAt: T0 + 300, readyAt: T0 + 1300 });
    expect(run.criticalPath).toEqual(['api']);
  });
});

describe('the timeline of an up with nothing to do', () => {
  it('every service left running: no critical path, nothing held, settled at once', () => {
    const f = facts();
    for (const service of f.services) addStep(f, service, 'Running', T0 + 5);
    f.finishedAt = T0 + 10;
    const run = timelineView(f);
    expect(run).toMatchObject({ criticalPath: [], totalMs: null, settled: true });
    const api = run.services.find((s) => s.service === 'api')!;
    expect(api.heldBy).toBeNull();
    expect(serviceSummary(run, api)).toBe('unchanged (left running)');
    expect(ganttLines(run)[0]).toContain('(up, nothing started)');
  });
});
