import { beforeEach, describe, expect, it, vi } from 'vitest';

// the dialling itself is tested against a real sshd (test/core/hosts/ssh-dial-ahead.test.ts); here, how many each command asks for
const dialEngineAhead = vi.hoisted(() => vi.fn(async () => undefined));
vi.mock('../../../../electron/core/dial-ahead', () => ({ dialEngineAhead }));
const { dialAheadFor } = await import('../../../../electron/cli/dial-ahead');

const env = { DOCKER_HOST: 'ssh://example' };
const asked = (): unknown[] => dialEngineAhead.mock.calls.map((call: unknown[]) => call[0]);

describe('the CLI dials ahead what its command will use', () => {
  beforeEach(() => dialEngineAhead.mockClear());

  it('one connection for a command of single calls, two when a stream follows, three when calls also run side by side', () => {
    dialAheadFor(['ps'], env);
    dialAheadFor(['logs', 'web'], env);
    dialAheadFor(['-p', 'shop', 'up', '--wait'], env);
    dialAheadFor(['down', '-v'], env);
    expect(asked()).toEqual([1, 2, 3, 3].map((connections) => ({ env, connections })));
  });

  it('a --host flag is passed on; a command that never reaches the engine, or asks for help, dials nothing', () => {
    dialAheadFor(['-H', 'ssh://other', 'ps'], env);
    dialAheadFor(['version'], env);
    dialAheadFor(['config'], env);
    dialAheadFor(['up', '--help'], env);
    dialAheadFor([], env);
    expect(asked()).toEqual([{ env, host: 'ssh://other', connections: 1 }]);
  });
});
