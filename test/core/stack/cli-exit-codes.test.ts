import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../support/capture-cli';
import { testEnv } from '../../support/engine';
import { ABORT_ON_EXIT_FILE, tempProject } from './stack-fixtures';

const FILE = `services:
  migrate:
    image: busybox:latest
    command: ["sh", "-c", "exit 2"]
  app:
    image: busybox:latest
    init: true
    command: ["sleep", "3600"]
    depends_on:
      migrate:
        condition: service_completed_successfully
`;

function cli(cwd: string, argv: string[]) {
  return runCliCaptured({ argv, env: testEnv(), cwd });
}

describe('Compose’s exit codes', () => {
  const temp = tempProject('exits');
  afterEach(async () => {
    await temp.cleanup();
  });

  it('up fails with 1 and says which dependency failed; app is not started', async () => {
    const cwd = await temp.create(FILE);
    const up = await cli(cwd, ['-p', temp.name, 'up', '-d']);
    expect(up.code).toBe(1);
    expect(up.err).toMatch(/migrate/);
    expect(up.err).not.toMatch(/\n\s+at /);
    const ps = await cli(cwd, ['-p', temp.name, 'ps', '--services']);
    expect(ps.out.split('\n')).not.toContain('app');
  });

  it('up --exit-code-from: the tests’ exit code, and their lines shown even though they exit at once', async () => {
    const cwd = await temp.create(ABORT_ON_EXIT_FILE);
    const up = await cli(cwd, ['-p', temp.name, 'up', '--exit-code-from', 'tests', '-t', '1']);
    expect(up.code).toBe(5);
    expect(up.out).toMatch(/^tests\s+\| testing$/m);
    expect(up.out).toMatch(/^tests\s+\| all passed$/m);
    // Each line once: the history read after the stop adds only what the live read had not shown.
    expect(up.out.match(/\| testing$/gm)).toHaveLength(1);
  });

  it('ps, logs and wait with a service the project does not have: 1, with the services it has', async () => {
    const cwd = await temp.create(FILE);
    for (const command of [['ps', 'nope'], ['logs', 'nope'], ['wait', 'nope'], ['events', 'nope']]) {
      const result = await cli(cwd, ['-p', temp.name, ...command]);
      expect(result.code, command.join(' ')).toBe(1);
      expect(result.err, command.join(' ')).toContain('no such service: nope');
    }
  });
});
