import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles } from '../../../../electron/core/compose/discover';
import { loadProject } from '../../../../electron/core/compose/load-project';
import { chooseProjectName, normalizeProjectName } from '../../../../electron/core/compose/project-name';
import { cleanEnv, projectDir } from './helpers';

describe('discovery', () => {
  it('prefers compose.yaml, picks its override, and searches parent folders', () => {
    const dir = projectDir({ 'compose.yaml': 'services: {}\n', 'docker-compose.yml': 'services: {}\n', 'compose.override.yaml': 'services: {}\n' });
    const deep = path.join(dir, 'a', 'b');
    mkdirSync(deep, { recursive: true });
    expect(discoverFiles(deep)).toEqual([path.join(dir, 'compose.yaml'), path.join(dir, 'compose.override.yaml')]);
  });

  it('finds docker-compose.yml with docker-compose.override.yml', () => {
    const dir = projectDir({ 'docker-compose.yml': 'services: {}\n', 'docker-compose.override.yml': 'services: {}\n' });
    expect(discoverFiles(dir).map((f) => path.basename(f))).toEqual(['docker-compose.yml', 'docker-compose.override.yml']);
  });

  it('a project found in a parent folder takes that folder as its directory and name', async () => {
    const dir = projectDir({ 'compose.yaml': 'services:\n  web:\n    image: "a:${T}"\n', '.env': 'T=parent\n' }, 'Parent_App');
    const deep = path.join(dir, 'src');
    mkdirSync(deep);
    const project = await loadProject({ cwd: deep, env: cleanEnv });
    expect(project.workingDir).toBe(dir);
    expect(project.name).toBe('parent_app');
    expect(project.model.services.web?.image).toBe('a:parent');
  });

  it('COMPOSE_FILE (from the environment or .env) names the files', async () => {
    const dir = projectDir({ 'one.yaml': 'services:\n  a:\n    image: a\n', 'two.yaml': 'services:\n  b:\n    image: b\n', '.env': 'COMPOSE_FILE=one.yaml:two.yaml\n' });
    const project = await loadProject({ cwd: dir, env: cleanEnv });
    expect(Object.keys(project.model.services).sort()).toEqual(['a', 'b']);
  });

  it('a .env that names COMPOSE_FILE in another folder still gives its other variables (image, COMPOSE_PROFILES)', async () => {
    const dir = projectDir({
      '.env': 'COMPOSE_FILE=deploy/compose.yaml\nIMAGE=team/app:1\nCOMPOSE_PROFILES=debug\nSHARED=from-cwd\n',
      'deploy/compose.yaml': 'services:\n  web:\n    image: "${IMAGE}"\n    environment:\n      SHARED: "${SHARED}"\n      LOCAL: "${LOCAL}"\n  tools:\n    image: busybox\n    profiles: [debug]\n',
      'deploy/.env': 'SHARED=from-deploy\nLOCAL=deploy-only\n',
    });
    const project = await loadProject({ cwd: dir, env: cleanEnv });
    expect(project.workingDir).toBe(path.join(dir, 'deploy'));
    expect(project.model.services.web?.image).toBe('team/app:1');
    expect(project.model.services.web?.environment).toEqual({ SHARED: 'from-cwd', LOCAL: 'deploy-only' });
    expect(project.profiles).toEqual(['debug']);
    expect(Object.keys(project.model.services).sort()).toEqual(['tools', 'web']);
  });

  it('--project-directory sets the folder for discovery, .env and relative paths', async () => {
    const dir = projectDir({ 'app/compose.yaml': 'services:\n  web:\n    build: .\n    image: "x:${V}"\n', 'app/.env': 'V=7\n' });
    const project = await loadProject({ cwd: dir, env: cleanEnv, projectDirectory: 'app' });
    expect(project.workingDir).toBe(path.join(dir, 'app'));
    expect(project.model.services.web?.image).toBe('x:7');
    expect(project.model.services.web?.build?.context).toBe(path.join(dir, 'app'));
  });

  it('--env-file replaces .env', async () => {
    const dir = projectDir({ 'compose.yaml': 'services:\n  web:\n    image: "x:${V}"\n', '.env': 'V=dotenv\n', 'other.env': 'V=other\n' });
    const project = await loadProject({ cwd: dir, env: cleanEnv, envFiles: ['other.env'] });
    expect(project.model.services.web?.image).toBe('x:other');
  });

  it('no compose file is a clear error', async () => {
    const dir = projectDir({ 'readme.txt': 'hi' });
    await expect(loadProject({ cwd: dir, env: cleanEnv })).rejects.toThrow(/no compose file found in .* or its parents/);
  });
});

describe('project name', () => {
  it('normalises a folder name', () => {
    expect(normalizeProjectName('My App.v2')).toBe('myappv2');
    expect(normalizeProjectName('__-Hello_World-')).toBe('hello_world-');
  });

  it('-p beats COMPOSE_PROJECT_NAME beats name: beats the folder', () => {
    expect(chooseProjectName({ flag: 'p', env: 'e', fromFile: 'f', folder: 'd' }).name).toBe('p');
    expect(chooseProjectName({ env: 'e', fromFile: 'f', folder: 'd' }).name).toBe('e');
    expect(chooseProjectName({ fromFile: 'f', folder: 'd' }).name).toBe('f');
    expect(chooseProjectName({ folder: 'D' }).name).toBe('d');
  });

  it('an invalid explicit name is an error that suggests a valid one', () => {
    expect(() => chooseProjectName({ flag: 'My App', folder: 'x' })).toThrow(/invalid project name "My App" \(from -p\)/);
  });

  it('top-level name: is used and can be interpolated', async () => {
    const dir = projectDir({ 'compose.yaml': 'name: ${N:-fallback}\nservices:\n  web:\n    image: a\n' });
    expect((await loadProject({ cwd: dir, env: cleanEnv })).name).toBe('fallback');
    expect((await loadProject({ cwd: dir, env: cleanEnv, projectName: 'cli' })).name).toBe('cli');
    expect((await loadProject({ cwd: dir, env: { ...cleanEnv, COMPOSE_PROJECT_NAME: 'envname' } })).name).toBe('envname');
  });
});
