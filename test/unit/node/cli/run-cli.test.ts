import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../electron/cli/run-cli';

async function run(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await runCli({ argv, env: {}, cwd: '/', stdout, stderr });
  return { code, out, err };
}

describe('the CLI’s own exit codes (no engine)', () => {
  it('no command prints the help and succeeds, as `docker compose` does', async () => {
    const result = await run([]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Usage: slipway');
  });

  it('an unknown command, an unknown flag or a bad --ansi: 1 and one line, no stack trace', async () => {
    for (const argv of [['nope'], ['--bogus', 'ps'], ['--ansi', 'loud', 'ps'], ['down', '--rmi']]) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(1);
      expect(result.err, argv.join(' ')).toMatch(/^slipway: /);
      expect(result.err).not.toMatch(/\n\s+at /);
    }
  });
});
