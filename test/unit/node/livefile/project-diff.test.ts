import { describe, expect, it } from 'vitest';
import { diffProjects } from '../../../../electron/core/livefile/project-diff';
import type { Project, ServiceConfig } from '../../../../shared/model/project';
import { describeApplied, pendingTitle } from '../../../../shared/livefile-format';

function project(services: Record<string, ServiceConfig>): Project {
  return { name: 'p', workingDir: '/p', configFiles: ['/p/compose.yaml'], profiles: [], model: { name: 'p', services }, disabledServices: {}, warnings: [] };
}

const web: ServiceConfig = { image: 'busybox:latest', command: ['sleep', '1'], environment: { A: '1', B: '2' } };

describe('what changed between the running project and its files', () => {
  it('names the changed keys, entries of maps by name', () => {
    const changes = diffProjects(project({ web, db: { image: 'busybox:latest' } }), project({ web: { ...web, command: ['sleep', '2'], environment: { A: '1', B: '3', C: '4' } }, db: { image: 'busybox:latest' } }));
    expect(changes).toEqual([{ service: 'web', change: 'changed', keys: ['command', 'environment.B', 'environment.C'] }]);
  });

  it('ignores what up ignores (depends_on alone does not recreate) and lists added and removed services', () => {
    const changes = diffProjects(
      project({ web, old: { image: 'busybox:latest' } }),
      project({ web: { ...web, depends_on: { fresh: { condition: 'service_started', required: true } } }, fresh: { image: 'busybox:latest' } }),
    );
    expect(changes).toEqual([
      { service: 'fresh', change: 'added', keys: [] },
      { service: 'old', change: 'removed', keys: [] },
    ]);
  });

  it('takes along the dependents with restart: true, transitively', () => {
    const dependsOn = (on: string, restart: boolean) => ({ [on]: { condition: 'service_started' as const, required: true, restart } });
    const services = (dbImage: string) => ({
      db: { image: dbImage },
      api: { image: 'x', depends_on: dependsOn('db', true) },
      web: { image: 'x', depends_on: dependsOn('api', true) },
      side: { image: 'x', depends_on: dependsOn('db', false) },
    });
    const changes = diffProjects(project(services('db:1')), project(services('db:2')));
    expect(changes).toEqual([
      { service: 'db', change: 'changed', keys: ['image'] },
      { service: 'api', change: 'changed', keys: [], restartedFor: 'db' },
      { service: 'web', change: 'changed', keys: [], restartedFor: 'api' },
    ]);
  });

  it('says it in one line', () => {
    const changes = diffProjects(project({ web, worker: web }), project({ web: { ...web, command: ['sleep', '2'] }, worker: { ...web, image: 'busybox:2' } }));
    expect(pendingTitle({ changedFiles: ['compose.yaml'], changes })).toBe('compose.yaml changed: web, worker to recreate');
    const line = describeApplied({ projectId: 'p', changedFiles: ['compose.yaml'], changes: changes.slice(0, 1), actions: { web: 'recreated' }, ok: true, latencyMs: 1200, at: 0 });
    expect(line).toBe('compose.yaml changed: recreated web (command) in 1.2 s');
  });
});
