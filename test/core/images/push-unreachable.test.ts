import { afterAll, describe, expect, it } from 'vitest';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import { testDocker, testEnv, uniqueProjectName } from '../../support/engine';
import { removeImages, runTask, tempProject } from './images-fixture';

describe('a push to a registry nobody runs', () => {
  const docker = testDocker();
  const name = uniqueProjectName('imgnoreg');
  // Port 1 on loopback: nothing listens there, so the engine's connection is refused.
  const image = `127.0.0.1:1/${name}/app:latest`;
  const project = tempProject({
    'compose.yaml': `name: ${name}\nservices:\n  app:\n    image: ${image}\n    build:\n      context: .\n      network: none\n`,
    Dockerfile: 'FROM busybox:latest\nCOPY Dockerfile /Dockerfile\n',
  });
  const core = new SlipwayCore({ env: testEnv() });
  afterAll(async () => {
    await removeImages(docker, [image]);
    await core.dispose();
    project.cleanup();
  });

  it('says in one line that nothing answers there and how to start one', async () => {
    await core.projects.openProject({ cwd: project.dir });
    expect((await runTask(core, 'images.build', { projectId: name })).done.error).toBeUndefined();
    const push = await runTask(core, 'images.push', { projectId: name });
    expect(push.done.error?.code).toBe('registry_unreachable');
    expect(push.done.error?.message).toBe(`service app: nothing answers at registry 127.0.0.1:1, so ${image} cannot be pushed`);
    expect(push.done.error?.hint).toContain('docker run -d -p 127.0.0.1:1:5000 registry:2');
  });
});
