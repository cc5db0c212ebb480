import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../../electron/core/compose/load-project';
import { mergeService } from '../../../../electron/core/compose/merge';
import { cleanEnv, projectDir } from './helpers';

describe('merging several compose files', () => {
  it('merges mappings key by key, replaces command, merges lists by identity', async () => {
    const dir = projectDir({
      'compose.yaml': [
        'services:',
        '  web:',
        '    image: web:1',
        '    command: npm start',
        '    environment: {A: "1", B: "1"}',
        '    labels: [x=1]',
        '    ports: ["8080:80", "9090:90"]',
        '    volumes: ["./a:/a", "./b:/b"]',
        '    expose: ["1000"]',
        '    dns: [1.1.1.1]',
        '    healthcheck: {test: [CMD, a], interval: 10s}',
        '  db:',
        '    image: postgres',
      ].join('\n'),
      'compose.override.yaml': [
        'services:',
        '  web:',
        '    image: web:2',
        '    command: [npm, run, dev]',
        '    environment: [B=2, C=3]',
        '    labels: {y: "2"}',
        '    ports: ["8080:80", "7070:70"]',
        '    volumes: ["./other:/b"]',
        '    expose: ["1000", "2000"]',
        '    dns: 8.8.8.8',
        '    healthcheck: {test: [CMD, b]}',
        '  cache:',
        '    image: redis',
      ].join('\n'),
    });
    const project = await loadProject({ cwd: dir, env: cleanEnv });
    expect(project.configFiles.map((f) => path.basename(f))).toEqual(['compose.yaml', 'compose.override.yaml']);
    const web = project.model.services.web;
    expect(web?.image).toBe('web:2');
    expect(web?.command).toEqual(['npm', 'run', 'dev']);
    expect(web?.environment).toEqual({ A: '1', B: '2', C: '3' });
    expect(web?.labels).toEqual({ x: '1', y: '2' });
    expect(web?.ports?.map((p) => p.published)).toEqual(['8080', '9090', '7070']);
    expect(web?.volumes?.map((v) => [v.source, v.target])).toEqual([
      [path.join(dir, 'a'), '/a'],
      [path.join(dir, 'other'), '/b'],
    ]);
    expect(web?.expose).toEqual(['1000', '2000']);
    expect(web?.dns).toEqual(['1.1.1.1', '8.8.8.8']);
    expect(web?.healthcheck).toEqual({ test: ['CMD', 'b'], interval: '10s' });
    expect(Object.keys(project.model.services).sort()).toEqual(['cache', 'db', 'web']);
  });

  it('-f files merge in order and relative paths in later files resolve against the project folder', async () => {
    const dir = projectDir({
      'base.yaml': 'services:\n  web:\n    image: a\n    build: .\n',
      'sub/dev.yaml': 'services:\n  web:\n    volumes: ["./src:/src"]\n',
    });
    const project = await loadProject({ cwd: dir, env: cleanEnv, files: ['base.yaml', 'sub/dev.yaml'] });
    expect(project.workingDir).toBe(dir);
    expect(project.model.services.web?.volumes?.[0]?.source).toBe(path.join(dir, 'src'));
  });

  it('!reset drops what earlier files set; !override replaces instead of merging', async () => {
    const dir = projectDir({
      'compose.yaml': 'services:\n  web:\n    image: a\n    ports: ["80:80"]\n    environment: {A: "1", B: "1"}\n    command: run\n    depends_on: [db]\n  db:\n    image: b\n',
      'compose.override.yaml': 'services:\n  web:\n    ports: !reset []\n    environment: !override\n      C: "3"\n    depends_on: !reset null\n',
    });
    const web = (await loadProject({ cwd: dir, env: cleanEnv })).model.services.web;
    expect(web?.ports).toBeUndefined();
    expect(web?.environment).toEqual({ C: '3' });
    expect(web?.depends_on).toBeUndefined();
    expect(web?.command).toEqual(['run']);
  });

  it('a different logging driver drops the old options; same driver merges them', () => {
    expect(mergeService({ logging: { driver: 'json-file', options: { a: '1' } } }, { logging: { driver: 'syslog' } })).toEqual({ logging: { driver: 'syslog' } });
    expect(mergeService({ logging: { driver: 'json-file', options: { a: '1' } } }, { logging: { options: { b: '2' } } })).toEqual({ logging: { driver: 'json-file', options: { a: '1', b: '2' } } });
  });

  it('depends_on merges per dependency', () => {
    const merged = mergeService(
      { depends_on: { db: { condition: 'service_started', required: true } } },
      { depends_on: { db: { condition: 'service_healthy', required: true }, cache: { condition: 'service_started', required: true } } },
    );
    expect(merged.depends_on).toEqual({ db: { condition: 'service_healthy', required: true }, cache: { condition: 'service_started', required: true } });
  });
});
