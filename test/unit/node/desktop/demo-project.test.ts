import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../../electron/core/compose/load-project';

/** examples/demo must show what the dashboard is about, and run on any engine. */
describe('examples/demo', () => {
  const dir = path.resolve('examples/demo');

  it('loads, with busybox images only, init everywhere and ports on 127.0.0.1', async () => {
    const project = await loadProject({ cwd: dir, env: {} });
    const services = project.model.services as Record<string, Record<string, unknown>>;
    expect(Object.keys(services).sort()).toEqual(['api', 'db', 'migrate', 'web', 'worker']);
    for (const [name, s] of Object.entries(services)) {
      expect(s.init, name).toBe(true);
      if (!s.build) expect(s.image, name).toBe('busybox:latest');
      for (const port of (s.ports ?? []) as { host_ip?: string }[]) expect(port.host_ip, name).toBe('127.0.0.1');
    }
    const dockerfile = readFileSync(path.join(dir, 'worker', 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM busybox:latest$/m);
    expect(dockerfile).not.toMatch(/^RUN /m);
  });

  it('has health-gated dependencies, a one-shot, live source and a watch rule', async () => {
    const project = await loadProject({ cwd: dir, env: {} });
    const s = project.model.services as Record<string, { depends_on?: Record<string, { condition: string }>; healthcheck?: unknown; volumes?: { type: string; source: string }[]; develop?: { watch: { action: string }[] } }>;
    expect(s.db?.healthcheck).toBeDefined();
    expect(s.api?.depends_on?.db?.condition).toBe('service_healthy');
    expect(s.api?.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    expect(s.web?.volumes?.[0]).toMatchObject({ type: 'bind', source: path.join(dir, 'web') });
    expect(s.web?.develop?.watch[0]?.action).toBe('restart');
  });
});
