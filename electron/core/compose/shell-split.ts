/**
 * Splits a command string into words exactly as Compose does (compose-go's ShellCommand uses
 * mattn/go-shellwords' Parse with environment and backtick expansion off):
 * - blanks separate words; `'…'` is literal; `"…"` keeps blanks; `\` escapes the next
 *   character outside single quotes, and `\t` / `\n` become a tab / a newline;
 * - an unquoted `;`, `&`, `|`, `<` or `>` ends the command: the rest is dropped (so
 *   `echo a | tee x` is `["echo", "a"]`), and a `2>` drops its `2`;
 * - `$(…)` and `` `…` `` are kept as written, blanks and all; a bare `(` or `)` is an error;
 * - an unterminated quote or escape is an error.
 */
export function shellSplit(text: string): string[] {
  const args: string[] = [];
  let buf = '';
  let escaped = false;
  let doubleQuoted = false;
  let singleQuoted = false;
  let backQuote = false;
  let dollarQuote = false;
  /** argNo: nothing yet; argSingle: a bare word; argQuoted: a word that had quotes (may be empty). */
  let got: 'no' | 'single' | 'quoted' = 'no';
  const invalid = (what: string) => new Error(`${what} in ${JSON.stringify(text)}`);

  for (const r of text) {
    if (escaped) {
      buf += r === 't' ? '\t' : r === 'n' ? '\n' : r;
      escaped = false;
      got = 'single';
      continue;
    }
    if (r === '\\') {
      if (singleQuoted) buf += r;
      else escaped = true;
      continue;
    }
    if (r === ' ' || r === '\t' || r === '\r' || r === '\n') {
      if (singleQuoted || doubleQuoted || backQuote || dollarQuote) {
        buf += r;
      } else if (got !== 'no') {
        args.push(buf);
        buf = '';
        got = 'no';
      }
      continue;
    }
    const quotedOrSubstituted = singleQuoted || doubleQuoted || backQuote || dollarQuote;
    if (r === '`' && !singleQuoted && !doubleQuoted && !dollarQuote) {
      backQuote = !backQuote;
    } else if (r === ')' && !singleQuoted && !doubleQuoted && !backQuote) {
      if (!dollarQuote) throw invalid('an unmatched `)` (quote it)');
      buf += r;
      dollarQuote = false;
      got = 'single';
      continue;
    } else if (r === '(' && !singleQuoted && !doubleQuoted && !backQuote) {
      if (dollarQuote || !buf.endsWith('$')) throw invalid('a bare `(` (quote it)');
      dollarQuote = true;
      buf += r;
      continue;
    } else if (r === '"' && !singleQuoted && !dollarQuote) {
      if (doubleQuoted) got = 'quoted';
      doubleQuoted = !doubleQuoted;
      continue;
    } else if (r === "'" && !doubleQuoted && !dollarQuote) {
      if (singleQuoted) got = 'quoted';
      singleQuoted = !singleQuoted;
      continue;
    } else if ((r === ';' || r === '&' || r === '|' || r === '<' || r === '>') && !quotedOrSubstituted) {
      // `2>file`: the file descriptor is not a word.
      if (r === '>' && /^[0-9]/.test(buf)) got = 'no';
      break;
    }
    got = 'single';
    buf += r;
  }
  if (got !== 'no') args.push(buf);
  if (doubleQuoted) throw invalid('unterminated double quote');
  if (singleQuoted) throw invalid('unterminated single quote');
  if (escaped) throw invalid('a trailing backslash');
  if (backQuote) throw invalid('an unterminated backquote');
  if (dollarQuote) throw invalid('an unterminated `$(`');
  return args;
}
