import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../../electron/core/compose/load-project';
import { cleanEnv, projectDir } from './helpers';

describe('include', () => {
  it('adds the services and resources of included files, with their own folder and env file', async () => {
    const dir = projectDir({
      'compose.yaml': 'include:\n  - db/compose.yaml\n  - path: cache/cache.yaml\n    env_file: cache/custom.env\nservices:\n  web:\n    image: web\n    depends_on: [db]\n',
      'db/compose.yaml': 'services:\n  db:\n    image: "postgres:${PG_VERSION}"\n    volumes: ["./init:/docker-entrypoint-initdb.d", "pgdata:/var/lib/postgresql/data"]\nvolumes:\n  pgdata:\n',
      'db/.env': 'PG_VERSION=16\n',
      'cache/cache.yaml': 'services:\n  cache:\n    image: "redis:${REDIS}"\n',
      'cache/custom.env': 'REDIS=7\n',
    });
    const project = await loadProject({ cwd: dir, env: cleanEnv });
    expect(Object.keys(project.model.services).sort()).toEqual(['cache', 'db', 'web']);
    expect(project.model.services.db?.image).toBe('postgres:16');
    expect(project.model.services.db?.volumes?.[0]?.source).toBe(path.join(dir, 'db', 'init'));
    expect(project.model.services.cache?.image).toBe('redis:7');
    expect(project.model.volumes).toEqual({ pgdata: { name: `${project.name}_pgdata` } });
    expect((project.model as unknown as Record<string, unknown>).include).toBeUndefined();
  });

  it('the including environment wins over the included env file', async () => {
    const dir = projectDir({
      'compose.yaml': 'include: [sub/compose.yaml]\n',
      'sub/compose.yaml': 'services:\n  s:\n    image: "img:${TAG}"\n',
      'sub/.env': 'TAG=sub\n',
    });
    const project = await loadProject({ cwd: dir, env: { ...cleanEnv, TAG: 'top' } });
    expect(project.model.services.s?.image).toBe('img:top');
  });

  it('a service defined both here and in an included file is an error', async () => {
    const dir = projectDir({
      'compose.yaml': 'include: [other.yaml]\nservices:\n  web:\n    image: a\n',
      'other.yaml': 'services:\n  web:\n    image: b\n',
    });
    await expect(loadProject({ cwd: dir, env: cleanEnv })).rejects.toThrow('compose.yaml:3:3: services.web conflicts with the one in included file other.yaml');
  });

  it('an include cycle is an error', async () => {
    const dir = projectDir({
      'compose.yaml': 'include: [a.yaml]\nservices:\n  web:\n    image: a\n',
      'a.yaml': 'include: [compose.yaml]\n',
    });
    await expect(loadProject({ cwd: dir, env: cleanEnv })).rejects.toThrow(/include cycle compose\.yaml -> a\.yaml -> compose\.yaml/);
  });
});
