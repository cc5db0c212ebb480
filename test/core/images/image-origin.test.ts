import { afterAll, describe, expect, it } from 'vitest';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import type { ServiceImage } from '../../../shared/contract/images';
import { testDocker, testEnv, uniqueProjectName } from '../../support/engine';
import { removeImages, runTask, tempProject } from './images-fixture';

describe('images.list says where each local image came from', () => {
  const docker = testDocker();
  const name = uniqueProjectName('imgorigin');
  const project = tempProject({
    'compose.yaml': `name: ${name}
services:
  app:
    image: ${name}-app:v1
    build:
      context: .
      network: none
  base:
    image: busybox:latest
  absent:
    image: ${name}-absent:v1
`,
    Dockerfile: 'FROM busybox:latest\nCOPY Dockerfile /Dockerfile\n',
  });
  const core = new SlipwayCore({ env: testEnv() });
  afterAll(async () => {
    await removeImages(docker, [`${name}-app:v1`]);
    await core.dispose();
    project.cleanup();
  });

  it('built for a built service, present for a loaded image with no registry digest, nothing for a missing one', async () => {
    await core.projects.openProject({ cwd: project.dir });
    const build = await runTask(core, 'images.build', { projectId: name, services: ['app'] });
    expect(build.done.error).toBeUndefined();
    const list = await core.client().call('images.list', { projectId: name });
    const byService = new Map<string, ServiceImage>(list.map((entry) => [entry.service, entry]));
    expect(byService.get('app')?.origin).toBe('built');
    expect(byService.get('base')?.origin).toBe('present');
    expect(byService.get('absent')?.imageId).toBeUndefined();
    expect(byService.get('absent')?.origin).toBeUndefined();
  });
});
