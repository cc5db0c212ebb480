import { describe, expect, it } from 'vitest';
import type { TrayItem } from '../../../../electron/main/tray-model';
import { trayModel, worstIcon } from '../../../../electron/main/tray-model';
import { applyProjectState } from '../../../../electron/main/desktop-state-reducer';
import { project, state, svc } from './fixtures';

const labels = (items: TrayItem[]) => items.map((i) => (i.type === 'separator' ? '---' : i.label));

describe('tray icon: the worst state across open projects', () => {
  it('is healthy when every service is ready (healthy, running without a check, or completed)', () => {
    const s = state([project('shop', [svc('db', 'healthy'), svc('api', 'running'), svc('migrate', 'completed', 0)])]);
    expect(worstIcon(s)).toBe('healthy');
  });

  it('is starting while a service starts or an up runs', () => {
    expect(worstIcon(state([project('shop', [svc('db', 'starting'), svc('api', 'created')])]))).toBe('starting');
    expect(worstIcon(state([project('shop', [svc('db', 'healthy')], [{ taskId: 't', kind: 'stack.up' }])]))).toBe('starting');
  });

  it('is failing when any project has an unhealthy or crashed service, whatever the others do', () => {
    const s = state([project('a', [svc('db', 'healthy')]), project('b', [svc('api', 'exited', 2), svc('db', 'starting')])]);
    expect(worstIcon(s)).toBe('failing');
    expect(worstIcon(state([project('a', [svc('db', 'unhealthy')])]))).toBe('failing');
  });

  it('does not count a one-shot that exited 0 or a stopped service as failing', () => {
    expect(worstIcon(state([project('a', [svc('job', 'exited', 0), svc('db', 'healthy'), svc('x', 'stopped')])]))).toBe('healthy');
  });

  it('is down when the engine is down, before anything else', () => {
    expect(worstIcon(state([project('a', [svc('db', 'unhealthy')])], 'down'))).toBe('down');
  });

  it('is idle with no project or nothing running', () => {
    expect(worstIcon(state([]))).toBe('idle');
    expect(worstIcon(state([project('a', [svc('db', 'stopped')])]))).toBe('idle');
  });
});

describe('tray menu', () => {
  const s = state([
    project('shop', [svc('api', 'running'), svc('db', 'unhealthy'), svc('web', 'exited', 137)]),
    project('blog', [svc('web', 'stopped')]),
  ]);
  const model = trayModel(s);

  it('lists each project with N/M healthy, Up/Down/Restart, a submenu per service, Build & push', () => {
    expect(labels(model.menu)).toEqual([
      'Something is failing',
      '---',
      'shop: 1/3 healthy',
      'Up',
      'Down',
      'Restart',
      'api: running',
      'db: unhealthy',
      'web: exited (137)',
      'Build & push',
      '---',
      'blog: 0/1 healthy',
      'Up',
      'Down',
      'Restart',
      'web: stopped',
      'Build & push',
      '---',
      'Open dashboard',
      'Open project…',
      '---',
      'Quit Slipway',
    ]);
  });

  it('gives each service restart, logs and shell (shell only while it runs)', () => {
    const api = model.menu.find((i) => i.label === 'api: running');
    expect(api?.type).toBe('submenu');
    expect(api?.submenu?.map((i) => [i.label, i.enabled ?? true, i.action])).toEqual([
      ['Restart', true, { kind: 'service.restart', projectId: 'shop', service: 'api' }],
      ['Logs', true, { kind: 'service.logs', projectId: 'shop', service: 'api' }],
      ['Shell', true, { kind: 'service.shell', projectId: 'shop', service: 'api' }],
    ]);
    const web = model.menu.find((i) => i.label === 'web: exited (137)');
    expect(web?.submenu?.find((i) => i.label === 'Shell')?.enabled).toBe(false);
  });

  it('carries the project in every stack action and disables Down/Restart when nothing runs', () => {
    const blogDown = model.menu.filter((i) => i.label === 'Down')[1];
    expect(blogDown).toEqual({ label: 'Down', enabled: false, action: { kind: 'stack.down', projectId: 'blog' } });
    expect(model.menu.find((i) => i.label === 'Up')?.action).toEqual({ kind: 'stack.up', projectId: 'shop' });
    expect(model.menu.at(-1)?.action).toEqual({ kind: 'quit' });
  });

  it('counts failing services for the dock badge and says it all in the tooltip', () => {
    expect(model.failing).toBe(2);
    expect(model.tooltip).toBe('Slipway\nSomething is failing\nshop: 1/3 healthy\nblog: 0/1 healthy');
  });

  it('disables stack actions while the engine is down and says why', () => {
    const down = trayModel({ ...s, engine: 'down', engineMessage: 'connection refused' });
    expect(down.icon).toBe('down');
    expect(down.menu[0]?.label).toBe('Docker engine is down: connection refused');
    expect(down.menu.filter((i) => i.label === 'Up').every((i) => i.enabled === false)).toBe(true);
  });

  it('marks a project with work running', () => {
    const busy = trayModel(state([project('shop', [svc('db', 'starting')], [{ taskId: '1', kind: 'up' }])]));
    expect(busy.menu[2]?.label).toBe('shop: 0/1 healthy (working…)');
    expect(busy.icon).toBe('starting');
  });

  it('is the same model for the same state (a pure function)', () => {
    expect(trayModel(s)).toEqual(model);
    expect(trayModel(state([])).menu.map((i) => i.label)).toEqual(['No project open', undefined, 'Open dashboard', 'Open project…', undefined, 'Quit Slipway']);
  });
});

describe('tray menu with a scaled service', () => {
  it('shows each replica with its own word above the service’s actions, from the state feed', () => {
    const replica = (number: number, word: 'running' | 'exited', exitCode?: number) => ({ id: `w${number}`, name: `shop-web-${number}`, number, state: word, word, ports: [], image: 'busybox', ...(exitCode !== undefined ? { exitCode } : {}) });
    const s = applyProjectState(state([project('shop', [svc('web', 'stopped'), svc('db', 'stopped')])]), {
      projectId: 'shop',
      engine: 'up',
      services: [
        { service: 'db', state: 'running', containers: [replica(1, 'running')] },
        { service: 'web', state: 'running', containers: [replica(1, 'running'), replica(2, 'exited', 1), replica(3, 'running')] },
      ],
    });
    const model = trayModel(s);
    // web-2 crashed: the service still runs, but the tray says something is failing.
    expect(model.icon).toBe('failing');
    expect(model.failing).toBe(1);
    const menu = model.menu;
    expect(menu.find((i) => i.label === 'db: running')?.submenu?.map((i) => i.label)).toEqual(['Restart', 'Logs', 'Shell']);
    const web = menu.find((i) => i.label === 'web: running (3 replicas)');
    expect(web?.submenu?.map((i) => (i.type === 'separator' ? '---' : `${i.label}${i.enabled === false ? ' (info)' : ''}`))).toEqual([
      'web-1: running (info)',
      'web-2: exited (1) (info)',
      'web-3: running (info)',
      '---',
      'Restart',
      'Logs',
      'Shell',
    ]);
  });
});
