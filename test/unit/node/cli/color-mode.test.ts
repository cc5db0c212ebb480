import { describe, expect, it } from 'vitest';
import { colorRefused, decideColor } from '../../../../electron/cli/color-mode';

const tty = (env: Record<string, string>, extra: { ansi?: string; noColor?: boolean } = {}) => decideColor({ env, isTTY: true, ...extra });
const piped = (env: Record<string, string>, extra: { ansi?: string; noColor?: boolean } = {}) => decideColor({ env, isTTY: false, ...extra });

describe('decideColor', () => {
  it('colours a terminal and not a pipe by default', () => {
    expect(tty({})).toBe(true);
    expect(piped({})).toBe(false);
  });

  it('NO_COLOR with any non-empty value turns colour off; an empty one does not', () => {
    expect(tty({ NO_COLOR: '1' })).toBe(false);
    expect(tty({ NO_COLOR: '0' })).toBe(false);
    expect(tty({ NO_COLOR: '' })).toBe(true);
  });

  it('NO_COLOR wins over --ansi always and FORCE_COLOR, as Compose applies it last', () => {
    expect(tty({ NO_COLOR: '1' }, { ansi: 'always' })).toBe(false);
    expect(piped({ NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
  });

  it('FORCE_COLOR forces colour into a pipe, except 0 and false (as Node and chalk read them)', () => {
    expect(piped({ FORCE_COLOR: '1' })).toBe(true);
    expect(piped({ FORCE_COLOR: '3' })).toBe(true);
    expect(piped({ FORCE_COLOR: 'true' })).toBe(true);
    expect(piped({ FORCE_COLOR: '0' })).toBe(false);
    expect(tty({ FORCE_COLOR: 'false' })).toBe(false);
    expect(piped({ FORCE_COLOR: '' })).toBe(false);
  });

  it('--ansi never|always and COMPOSE_ANSI; the flag wins over the variable', () => {
    expect(tty({}, { ansi: 'never' })).toBe(false);
    expect(piped({}, { ansi: 'always' })).toBe(true);
    expect(piped({ COMPOSE_ANSI: 'always' })).toBe(true);
    expect(piped({ COMPOSE_ANSI: 'always' }, { ansi: 'auto' })).toBe(false);
    expect(tty({ FORCE_COLOR: '1' }, { ansi: 'never' })).toBe(false);
    expect(tty({}, { noColor: true })).toBe(false);
  });

  it('refuses an unknown --ansi value with the accepted ones', () => {
    expect(() => tty({}, { ansi: 'sometimes' })).toThrow(/--ansi: unknown value "sometimes"/);
    expect(() => tty({ COMPOSE_ANSI: 'x' })).toThrow(/COMPOSE_ANSI/);
  });

  it('colorRefused: only when turned off on purpose, not merely piped', () => {
    expect(colorRefused({ env: {} })).toBe(false);
    expect(colorRefused({ env: { NO_COLOR: '1' } })).toBe(true);
    expect(colorRefused({ env: {}, ansi: 'never' })).toBe(true);
  });
});
