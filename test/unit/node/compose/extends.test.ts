import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../../electron/core/compose/load-project';
import { cleanEnv, projectDir } from './helpers';

describe('extends', () => {
  it('extends a service of the same file (string and mapping forms), chains', async () => {
    const dir = projectDir({
      'compose.yaml': [
        'services:',
        '  base:',
        '    image: base',
        '    environment: {A: "1"}',
        '    command: run base',
        '  middle:',
        '    extends: base',
        '    environment: {B: "2"}',
        '  web:',
        '    extends:',
        '      service: middle',
        '    command: run web',
      ].join('\n'),
    });
    const project = await loadProject({ cwd: dir, env: cleanEnv });
    expect(project.model.services.web).toMatchObject({ image: 'base', environment: { A: '1', B: '2' }, command: ['run', 'web'] });
    expect(project.model.services.web?.extends).toBeUndefined();
  });

  it('extends a service of another file; its relative paths stay relative to that file', async () => {
    const dir = projectDir({
      'compose.yaml': 'services:\n  web:\n    extends:\n      file: common/base.yaml\n      service: app\n    ports: ["80"]\n',
      'common/base.yaml': 'services:\n  app:\n    build: ./ctx\n    volumes: ["./data:/data"]\n    env_file: app.env\n',
      'common/app.env': 'FROM_FILE=yes\n',
    });
    const project = await loadProject({ cwd: dir, env: cleanEnv });
    const web = project.model.services.web;
    expect(web?.build?.context).toBe(path.join(dir, 'common', 'ctx'));
    expect(web?.volumes?.[0]?.source).toBe(path.join(dir, 'common', 'data'));
    expect(web?.environment).toEqual({ FROM_FILE: 'yes' });
    expect(Object.keys(project.model.services)).toEqual(['web']);
  });

  it('a cycle of extends is an error that names it', async () => {
    const dir = projectDir({ 'compose.yaml': 'services:\n  a:\n    image: x\n    extends: b\n  b:\n    extends: a\n' });
    await expect(loadProject({ cwd: dir, env: cleanEnv })).rejects.toThrow('compose.yaml:6:5: services.b.extends: circular reference a -> b -> a');
  });

  it('extending a service that does not exist is an error', async () => {
    const dir = projectDir({ 'compose.yaml': 'services:\n  a:\n    extends: nope\n' });
    await expect(loadProject({ cwd: dir, env: cleanEnv })).rejects.toThrow('compose.yaml:3:5: services.a.extends: service "nope" not found in this file');
  });
});
