import { describe, expect, it } from 'vitest';
import { testDocker } from '../support/engine';

describe('the test engine', () => {
  it('runs a container from the stand-in busybox image', async () => {
    const docker = testDocker();
    const container = await docker.createContainer({ Image: 'busybox:latest', Cmd: ['sh', '-c', 'echo hello from $(uname -s)'], HostConfig: { AutoRemove: false } });
    try {
      await container.start();
      const { StatusCode } = (await container.wait()) as { StatusCode: number };
      const logs = (await container.logs({ stdout: true, stderr: true })).toString('utf8');
      expect(StatusCode).toBe(0);
      expect(logs).toContain('hello from Linux');
    } finally {
      await container.remove({ force: true });
    }
  });
});
