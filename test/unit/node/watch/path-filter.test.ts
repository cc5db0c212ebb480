import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isEditorTempFile, PathFilter } from '../../../../electron/core/watch/path-filter';
import { containerPath, inBindMount, planWatch } from '../../../../electron/core/watch/watch-plan';
import type { Project } from '../../../../shared/model/project';

const context = mkdtempSync(path.join(os.tmpdir(), 'swpf-'));
writeFileSync(path.join(context, '.dockerignore'), '*.secret\nbuild\n!build/keep.txt\n');
afterAll(() => rmSync(context, { recursive: true, force: true }));

describe('PathFilter', () => {
  const filter = new PathFilter({ root: context, ignore: ['logs/', 'tmp/**'], contextDir: context });
  const at = (rel: string) => path.join(context, rel);

  it('accepts ordinary files under the root and nothing outside it', () => {
    expect(filter.accepts(at('src/app.py'))).toBe(true);
    expect(filter.accepts(path.join(os.tmpdir(), 'elsewhere.py'))).toBe(false);
  });

  it('ignores .git, node_modules and IDE folders at any depth', () => {
    for (const rel of ['.git/HEAD', 'node_modules/x/index.js', 'web/node_modules/y.js', '.idea/workspace.xml', '.vscode/settings.json']) {
      expect(filter.accepts(at(rel))).toBe(false);
    }
  });

  it('ignores editor temp files', () => {
    for (const name of ['.app.py.swp', 'app.py.swx', 'app.py~', '4913', '#app.py#', '.#app.py', 'app.py___jb_tmp___', '.slipway-probe-0a1b2c3d4e5f']) {
      expect(isEditorTempFile(name)).toBe(true);
      expect(filter.accepts(at(`src/${name}`))).toBe(false);
    }
    expect(isEditorTempFile('app.py')).toBe(false);
  });

  it("applies the rule's ignore and the build context's .dockerignore, with its exceptions", () => {
    expect(filter.accepts(at('logs/today.log'))).toBe(false);
    expect(filter.accepts(at('tmp/a/b.txt'))).toBe(false);
    expect(filter.accepts(at('db.secret'))).toBe(false);
    expect(filter.accepts(at('build/out.js'))).toBe(false);
    expect(filter.accepts(at('build/keep.txt'))).toBe(true);
  });

  it('prunes whole folders only when no exception could re-include something', () => {
    expect(filter.prunes(at('node_modules'))).toBe(true);
    expect(filter.prunes(at('logs'))).toBe(true);
    expect(filter.prunes(at('build'))).toBe(false);
    expect(filter.prunes(at('src'))).toBe(false);
  });

  it('with include, acts only on matching files (folders still pass)', () => {
    const only = new PathFilter({ root: context, include: ['**/*.py'] });
    expect(only.accepts(at('a/b.py'))).toBe(true);
    expect(only.accepts(at('a/b.txt'))).toBe(false);
    expect(only.accepts(at('a'), true)).toBe(true);
  });
});

describe('planWatch', () => {
  const project: Project = {
    name: 'p',
    workingDir: '/w',
    configFiles: [],
    profiles: [],
    disabledServices: {},
    warnings: [],
    model: {
      name: 'p',
      services: {
        web: { volumes: [{ type: 'bind', source: '/w/src', target: '/code' }], develop: { watch: [{ path: '/w/src/app', action: 'sync+restart', target: '/code/app' }, { path: '/w', action: 'rebuild' }] } },
        worker: { develop: { watch: [{ path: '/w/src', action: 'sync', target: '/srv' }] } },
        db: {},
      },
    },
  };

  it('lists the watched services, marks bind-mounted rules and watches the union of paths once', () => {
    const plan = planWatch(project);
    expect(plan.services).toEqual(['web', 'worker']);
    expect(plan.roots).toEqual(['/w']);
    expect(plan.rules.map((r) => [r.service, r.rule.action, r.bindMounted])).toEqual([
      ['web', 'sync+restart', true],
      ['web', 'rebuild', false],
      ['worker', 'sync', false],
    ]);
    expect(planWatch(project, ['worker']).roots).toEqual(['/w/src']);
  });

  it('maps host paths to container paths', () => {
    expect(containerPath({ path: '/w/src', action: 'sync', target: '/srv' }, '/w/src/a/b.txt')).toBe('/srv/a/b.txt');
    expect(containerPath({ path: '/w/src/main.py', action: 'sync', target: '/app/main.py' }, '/w/src/main.py')).toBe('/app/main.py');
    expect(inBindMount({ volumes: [{ type: 'bind', source: '/w/src', target: '/c' }] }, '/w/srcx')).toBe(false);
  });
});
