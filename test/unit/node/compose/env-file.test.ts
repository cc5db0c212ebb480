import { describe, expect, it } from 'vitest';
import { EnvFileError, parseEnvText } from '../../../../electron/core/compose/env-file';

describe('.env parsing', () => {
  it('reads bare, quoted and exported values; skips comments and blank lines', () => {
    const env = parseEnvText(
      [
        '# a comment',
        '',
        'PLAIN=value',
        'SPACED =  padded value   ',
        "SINGLE='literal $PLAIN \\n'",
        'DOUBLE="line1\\nline2 $PLAIN"',
        'export EXPORTED=yes',
        'INLINE=abc # comment',
        'HASH=abc#not-a-comment',
        'QUOTED_HASH="a # b"',
        'EMPTY=',
        'YAMLISH: colon',
        'DOTTED.KEY=1',
      ].join('\n'),
    );
    expect(env).toEqual({
      PLAIN: 'value',
      SPACED: 'padded value',
      SINGLE: 'literal $PLAIN \\n',
      DOUBLE: 'line1\nline2 value',
      EXPORTED: 'yes',
      INLINE: 'abc',
      HASH: 'abc#not-a-comment',
      QUOTED_HASH: 'a # b',
      EMPTY: '',
      YAMLISH: 'colon',
      'DOTTED.KEY': '1',
    });
  });

  it('interpolates bare and double-quoted values, not single-quoted ones', () => {
    const env = parseEnvText('A=1\nB=${A}-$A\nC="${A:-x}"\nD=\'${A}\'\nE=${NOPE:-fallback}\nF=$$A');
    expect(env).toEqual({ A: '1', B: '1-1', C: '1', D: '${A}', E: 'fallback', F: '$A' });
  });

  it('prefers the lookup (process environment) over earlier keys when interpolating', () => {
    const env = parseEnvText('A=file\nB=$A', (name) => (name === 'A' ? 'process' : undefined));
    expect(env.B).toBe('process');
  });

  it('takes a bare name from the lookup, or leaves it out', () => {
    const env = parseEnvText('FROM_ENV\nMISSING\nX=1', (name) => (name === 'FROM_ENV' ? 'hello' : undefined));
    expect(env).toEqual({ FROM_ENV: 'hello', X: '1' });
  });

  it('reads multi-line double-quoted values and escaped quotes', () => {
    const env = parseEnvText('CERT="-----BEGIN-----\nabc\n-----END-----"\nQ="say \\"hi\\""\nNEXT=1');
    expect(env).toEqual({ CERT: '-----BEGIN-----\nabc\n-----END-----', Q: 'say "hi"', NEXT: '1' });
  });

  it('handles CRLF line endings and a BOM', () => {
    expect(parseEnvText('\uFEFFA=1\r\nB=2\r\n')).toEqual({ A: '1', B: '2' });
  });

  it('reports an unterminated quote with its line', () => {
    let caught: unknown;
    try {
      parseEnvText('A=1\nB="open\n');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvFileError);
    expect((caught as EnvFileError).line).toBe(2);
    expect((caught as EnvFileError).message).toMatch(/unterminated quoted value/);
  });

  it('reports a bad character in a name with its line', () => {
    expect(() => parseEnvText('OK=1\nBAD!NAME=2')).toThrow(/unexpected character "!"/);
  });
});
