import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../../electron/core/compose/load-project';
import { activeProfiles, applyProfiles } from '../../../../electron/core/compose/profiles';
import { cleanEnv, projectDir } from './helpers';

const compose = 'services:\n  web:\n    image: a\n  debug:\n    image: b\n    profiles: [debug]\n  tools:\n    image: c\n    profiles: [tools, debug]\n';

describe('profiles', () => {
  it('services without profiles are always on; others only when a profile is active', async () => {
    const dir = projectDir({ 'compose.yaml': compose });
    const none = await loadProject({ cwd: dir, env: cleanEnv });
    expect(Object.keys(none.model.services)).toEqual(['web']);
    expect(none.disabledServices).toEqual({ debug: ['debug'], tools: ['tools', 'debug'] });
    const tools = await loadProject({ cwd: dir, env: cleanEnv, profiles: ['tools'] });
    expect(Object.keys(tools.model.services).sort()).toEqual(['tools', 'web']);
    expect(tools.profiles).toEqual(['tools']);
  });

  it('COMPOSE_PROFILES (also from .env) when no --profile is given; --profile wins', async () => {
    const dir = projectDir({ 'compose.yaml': compose, '.env': 'COMPOSE_PROFILES=debug\n' });
    const fromEnv = await loadProject({ cwd: dir, env: cleanEnv });
    expect(Object.keys(fromEnv.model.services).sort()).toEqual(['debug', 'tools', 'web']);
    const fromFlag = await loadProject({ cwd: dir, env: cleanEnv, profiles: ['tools'] });
    expect(Object.keys(fromFlag.model.services).sort()).toEqual(['tools', 'web']);
  });

  it('depending on a service a profile disables is an error, unless the dependency is not required', async () => {
    const strict = projectDir({ 'compose.yaml': 'services:\n  web:\n    image: a\n    depends_on: [db]\n  db:\n    image: b\n    profiles: [db]\n' });
    await expect(loadProject({ cwd: strict, env: cleanEnv })).rejects.toThrow('compose.yaml:4:5: service "web" depends on service "db", which is disabled by profiles');
    expect(Object.keys((await loadProject({ cwd: strict, env: cleanEnv, profiles: ['db'] })).model.services)).toEqual(['db', 'web']);
    const optional = projectDir({ 'compose.yaml': 'services:\n  web:\n    image: a\n    depends_on:\n      db:\n        condition: service_started\n        required: false\n  db:\n    image: b\n    profiles: [db]\n' });
    expect(Object.keys((await loadProject({ cwd: optional, env: cleanEnv })).model.services)).toEqual(['web']);
  });

  it('a service named on the command line is enabled with its profiles (compose-go WithServicesEnabled)', async () => {
    const dir = projectDir({ 'compose.yaml': compose });
    const named = await loadProject({ cwd: dir, env: cleanEnv, services: ['debug'] });
    expect(Object.keys(named.model.services).sort()).toEqual(['debug', 'tools', 'web']);
    expect(named.profiles).toEqual(['debug']);
    const already = await loadProject({ cwd: dir, env: cleanEnv, profiles: ['tools'], services: ['web', 'tools'] });
    expect(already.profiles).toEqual(['tools']);
    expect(Object.keys(already.disabledServices)).toEqual(['debug']);
  });

  it('"*" enables every profile', () => {
    const { enabled } = applyProfiles({ a: { profiles: ['x'] }, b: {} }, ['*']);
    expect(Object.keys(enabled)).toEqual(['a', 'b']);
  });

  it('splits comma lists and drops blanks and repeats', () => {
    expect(activeProfiles(undefined, 'a, b,,a')).toEqual(['a', 'b']);
    expect(activeProfiles(['x,y', 'x'], 'a')).toEqual(['x', 'y']);
    expect(activeProfiles(undefined, undefined)).toEqual([]);
  });
});
