import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertUniqueContainerNames } from '../../../../electron/core/compose/consistency';
import { loadProject } from '../../../../electron/core/compose/load-project';

const dir = path.resolve(__dirname, '../../../fixtures/compose/container-name-conflict');

describe('two services with one container_name (as Compose: refused only when both would be created)', () => {
  it('loads, and either service alone passes', async () => {
    const project = await loadProject({ cwd: dir, env: { HOME: '/home/tester' } });
    expect(Object.keys(project.model.services)).toEqual(['api', 'worker']);
    expect(() => assertUniqueContainerNames(project, ['api'])).not.toThrow();
    expect(() => assertUniqueContainerNames(project, ['worker'])).not.toThrow();
  });

  it('both together are refused with the place of the second name', async () => {
    const project = await loadProject({ cwd: dir, env: { HOME: '/home/tester' } });
    expect(() => assertUniqueContainerNames(project, ['api', 'worker'])).toThrow(/^compose\.yaml:7:5: services\.worker: container name "backend" is already used by service "api"$/);
  });
});
