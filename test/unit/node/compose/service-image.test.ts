import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../../electron/core/compose/load-project';
import { serviceImage } from '../../../../electron/core/compose/service-image';
import { containerSpec } from '../../../../electron/core/stack/container-spec';
import { serviceTags } from '../../../../electron/core/images/service-tags';
import { projectConfig } from '../../../../electron/core/projects/project-config';
import { cleanEnv, projectDir } from './helpers';

describe("a built service's image name", () => {
  it('is <project>-<service> in lowercase wherever it is used: build tag, container, config --images', async () => {
    const cwd = projectDir({ 'compose.yaml': 'services:\n  Web:\n    build: .\n  db:\n    image: Registry.example/DB:1\n' }, 'demo');
    const project = await loadProject({ cwd, env: cleanEnv });
    expect(serviceImage(project, 'Web')).toBe('demo-web');
    expect(containerSpec(project, 'Web', 1, 'sha256:abc').options.Image).toBe('demo-web');
    expect(serviceTags(project, 'Web', {}).tags[0]).toMatch(/^demo-web(:latest)?$/);
    expect(projectConfig(project).images).toEqual(['demo-web', 'Registry.example/DB:1']);
  });
});
