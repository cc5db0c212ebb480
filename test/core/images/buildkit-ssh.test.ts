import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import { testDocker, testDockerHost, uniqueProjectName } from '../../support/engine';
import { sshTestArgs, startTestSshd, type TestSshd } from '../hosts/sshd';
import { removeRepositories, runInImage, runTask, tempProject } from './images-fixture';

describe('a BuildKit build on an ssh:// host', () => {
  const docker = testDocker();
  const name = uniqueProjectName('bkssh');
  const project = tempProject({
    'compose.yaml': `name: ${name}
services:
  app:
    image: ${name}-app:v1
    build:
      context: .
      network: none
      secrets: [token]
secrets:
  token:
    environment: BUILD_TOKEN
`,
    Dockerfile: 'FROM busybox:latest\nRUN --mount=type=secret,id=token wc -c < /run/secrets/token > /token-bytes\n',
  });
  let dir = '';
  let sshd: TestSshd;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'swbkssh-'));
    sshd = await startTestSshd(dir, testDockerHost());
  });

  afterAll(async () => {
    await sshd?.stop();
    await removeRepositories(docker, [`${name}-app`]);
    project.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens the session through the same ssh transport and serves the secret over it', async () => {
    const url = `ssh://${sshd.user}@127.0.0.1:${sshd.port}`;
    const env = { PATH: process.env.PATH, HOME: dir, SLIPWAY_SSH_OPTS: sshTestArgs(sshd.key).join(' '), SLIPWAY_CONFIG_DIR: dir, BUILD_TOKEN: 'twelve-bytes' };
    const core = new SlipwayCore({ env, dockerHost: url });
    try {
      await core.projects.openProject({ cwd: project.dir });
      const run = await runTask(core, 'images.build', { projectId: name });
      expect(run.done.error).toBeUndefined();
      expect(run.progress.some((p) => p.message === 'building with BuildKit')).toBe(true);
      expect(await runInImage(docker, `${name}-app:v1`, ['cat', '/token-bytes'])).toBe('12\n');
    } finally {
      await core.dispose();
    }
  });
});
