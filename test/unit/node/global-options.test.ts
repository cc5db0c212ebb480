import { describe, expect, it } from 'vitest';
import { splitGlobalArgs } from '../../../electron/cli/global-options';

describe('splitGlobalArgs', () => {
  it('reads Compose global flags before the command', () => {
    const { global, command, rest } = splitGlobalArgs(['-f', 'a.yaml', '--file=b.yaml', '-p', 'demo', '--profile', 'dev', '--env-file', 'x.env', 'config', '--json']);
    expect(global.files).toEqual(['a.yaml', 'b.yaml']);
    expect(global.projectName).toBe('demo');
    expect(global.profiles).toEqual(['dev']);
    expect(global.envFiles).toEqual(['x.env']);
    expect(command).toBe('config');
    expect(rest).toEqual(['--json']);
  });

  it('rejects an unknown global flag with a hint', () => {
    expect(() => splitGlobalArgs(['--bogus', 'up'])).toThrow(/unknown global flag --bogus/);
  });

  it('needs a value after -f', () => {
    expect(() => splitGlobalArgs(['-f'])).toThrow(/needs a value/);
  });
});
