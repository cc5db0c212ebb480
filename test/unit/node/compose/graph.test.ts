import { describe, expect, it } from 'vitest';
import { findDependencyCycle } from '../../../../electron/core/compose/graph';
import { loadProject } from '../../../../electron/core/compose/load-project';
import type { ServiceConfig } from '../../../../shared/model/project';
import { cleanEnv, projectDir } from './helpers';

const dep = { condition: 'service_started' as const, required: true };

describe('dependency cycles', () => {
  it('finds none in a DAG', () => {
    const services: Record<string, ServiceConfig> = { web: { depends_on: { api: dep } }, api: { depends_on: { db: dep } }, db: {} };
    expect(findDependencyCycle(services)).toBeUndefined();
  });

  it('names a depends_on cycle', () => {
    const services: Record<string, ServiceConfig> = { web: { depends_on: { api: dep } }, api: { depends_on: { web: dep } } };
    expect(findDependencyCycle(services)).toEqual(['api', 'web', 'api']);
  });

  it('follows links, network_mode: service: and volumes_from', () => {
    const services: Record<string, ServiceConfig> = {
      a: { links: ['b:alias'] },
      b: { network_mode: 'service:c' },
      c: { volumes_from: ['a:ro'] },
    };
    expect(findDependencyCycle(services)).toEqual(['a', 'b', 'c', 'a']);
  });

  it('loading a project with a cycle fails with the cycle in the message', async () => {
    const dir = projectDir({ 'compose.yaml': 'services:\n  web:\n    image: a\n    depends_on: [api]\n  api:\n    image: a\n    depends_on: [web]\n' });
    await expect(loadProject({ cwd: dir, env: cleanEnv })).rejects.toThrow('dependency cycle between services: api -> web -> api');
  });
});
