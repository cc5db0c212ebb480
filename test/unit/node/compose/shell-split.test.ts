import { describe, expect, it } from 'vitest';
import { shellSplit } from '../../../../electron/core/compose/shell-split';

/** What mattn/go-shellwords' Parse (compose-go's ShellCommand) gives for each. */
const CASES: [string, string[]][] = [
  ['echo a | tee x', ['echo', 'a']],
  ['run && rm -rf /', ['run']],
  ['serve > out.log', ['serve']],
  ['serve 2> err.log', ['serve']],
  ['a;b', ['a']],
  ['  spaced   out  ', ['spaced', 'out']],
  [`sh -c 'echo "$HOME" | cat'`, ['sh', '-c', 'echo "$HOME" | cat']],
  ['say "a | b" c', ['say', 'a | b', 'c']],
  ['empty "" \'\'', ['empty', '', '']],
  ['tab\\tand\\nnewline', ['tab\tand\nnewline']],
  ['"in \\q quotes"', ['in q quotes']],
  ["'back\\slash'", ['back\\slash']],
  ['echo $(date +%s) x', ['echo', '$(date +%s)', 'x']],
  ['echo `uname -a` x', ['echo', '`uname -a`', 'x']],
  ['a\\ b', ['a b']],
  ['', []],
];

describe('command strings split as Compose splits them (go-shellwords)', () => {
  it.each(CASES)('%s', (text, words) => {
    expect(shellSplit(text)).toEqual(words);
  });

  it.each([
    ['echo "open', /unterminated double quote/],
    ["echo 'open", /unterminated single quote/],
    ['trailing \\', /trailing backslash/],
    ['f (x)', /bare `\(`/],
    ['x )', /unmatched `\)`/],
  ])('refuses %s', (text, message) => {
    expect(() => shellSplit(text)).toThrow(message);
  });
});
