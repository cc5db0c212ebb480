import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../support/capture-cli';
import { testDocker, testEnv } from '../../support/engine';
import { tempProject } from './stack-fixtures';

/** Compose starts the --wait-timeout clock once the images are there: a long build is not part of it. */
describe('up --wait --wait-timeout', () => {
  const temp = tempProject('waitto');
  afterEach(async () => {
    await testDocker().getImage(`${temp.name}-slow`).remove({ force: true }).catch(() => undefined);
    await temp.cleanup();
  });

  it('a build longer than the timeout does not count; a service not ready in time still fails, named', async () => {
    const cwd = await temp.create(`services:
  slow:
    build: .
    init: true
    command: ["sleep", "3600"]
    stop_grace_period: 1s
  never:
    image: busybox:latest
    init: true
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    healthcheck:
      test: ["CMD", "false"]
      interval: 1s
      retries: 100
    profiles: [broken]
`, { Dockerfile: 'FROM busybox:latest\nRUN sleep 4\n' });
    const up = await runCliCaptured({ argv: ['-p', temp.name, 'up', '-d', '--wait', '--wait-timeout', '2'], env: testEnv(), cwd });
    expect(up.err).not.toContain('slipway:');
    expect(up.code).toBe(0);
    const slow = await testDocker().getContainer(`${temp.name}-slow-1`).inspect();
    expect(slow.State.Running).toBe(true);

    const broken = await runCliCaptured({ argv: ['-p', temp.name, '--profile', 'broken', 'up', '-d', '--wait', '--wait-timeout', '2'], env: testEnv(), cwd });
    expect(broken.code).not.toBe(0);
    expect(broken.err).toContain('slipway: Not ready in time: never');
  });
});
