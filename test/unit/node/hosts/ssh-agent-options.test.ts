import { describe, expect, it } from 'vitest';
import { SshDialStdioAgent, sshTargetFromUrl } from '../../../../electron/core/docker/ssh-agent';

describe('the ssh:// agents', () => {
  // Node works out a TLS server name for every request unless one is given: its IPv6
  // pattern, compiled on first use, cost an ssh:// CLI command ~4 ms (electron/core/no-tls-name.ts)
  it.each([{}, { poolSize: 0 }])('speak plain HTTP: no TLS server name is worked out (%o)', async (options) => {
    const agent = new SshDialStdioAgent(sshTargetFromUrl('ssh://example.invalid', {}), options);
    try {
      expect(Reflect.get(agent, 'options')).toMatchObject({ servername: '' });
    } finally {
      await agent.close();
    }
  });
});
