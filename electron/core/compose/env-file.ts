import { substitute, TemplateError, type Lookup } from './template';

/** A mistake in an env file, with the 1-based line it is on. */
export class EnvFileError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'EnvFileError';
  }
}

const KEY_CHAR = /[\p{L}\p{N}_.\-[\]]/u;
const SPACE = /[\t\v\f\r \u0085\u00a0]/;

/**
 * Parses a `.env` / `env_file` text the way Compose does: `KEY=VALUE` (or `KEY: VALUE`),
 * an optional `export ` prefix, `#` comment lines, ` #` inline comments on bare values;
 * single-quoted values are literal, double-quoted values unescape `\n` `\r` and are
 * interpolated like bare ones; a bare `KEY` takes its value from `lookup` when set.
 * Variables are looked up in `lookup` first, then among the keys read so far.
 */
export function parseEnvText(text: string, lookup: Lookup = () => undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const resolve: Lookup = (name) => lookup(name) ?? (Object.prototype.hasOwnProperty.call(out, name) ? out[name] : undefined);
  let i = 0;
  let line = 1;
  const advanceTo = (next: number) => {
    for (let k = i; k < next && k < src.length; k++) if (src[k] === '\n') line++;
    i = next;
  };
  while (i < src.length) {
    // Skip whitespace and comment lines.
    const ch = src[i] ?? '';
    if (ch === '\n' || SPACE.test(ch)) {
      advanceTo(i + 1);
      continue;
    }
    if (ch === '#') {
      const nl = src.indexOf('\n', i);
      advanceTo(nl < 0 ? src.length : nl);
      continue;
    }
    // Key.
    let start = i;
    if (src.startsWith('export', start) && SPACE.test(src[start + 6] ?? '')) {
      start += 6;
      while (SPACE.test(src[start] ?? '')) start++;
    }
    let j = start;
    let sep = '';
    while (j < src.length) {
      const c = src[j] ?? '';
      if (c === '=' || c === ':' || c === '\n') {
        sep = c;
        break;
      }
      if (!SPACE.test(c) && !KEY_CHAR.test(c)) {
        throw new EnvFileError(line, `unexpected character ${JSON.stringify(c)} in variable name ${JSON.stringify(src.slice(start, src.indexOf('\n', start) < 0 ? undefined : src.indexOf('\n', start)))}`);
      }
      j++;
    }
    const key = src.slice(start, j).trim();
    if (key === '') throw new EnvFileError(line, 'a line has a value but no variable name');
    if (/\s/.test(key)) throw new EnvFileError(line, `variable name ${JSON.stringify(key)} contains a space`);
    if (sep === '' || sep === '\n') {
      const value = lookup(key);
      if (value !== undefined) out[key] = value;
      advanceTo(j);
      continue;
    }
    let k = j + 1;
    while (SPACE.test(src[k] ?? '')) k++;
    const quote = src[k];
    if (quote === '"' || quote === "'") {
      let end = -1;
      for (let q = k + 1; q < src.length; q++) {
        if (src[q] === quote && src[q - 1] !== '\\') {
          end = q;
          break;
        }
      }
      if (end < 0) {
        const nl = src.indexOf('\n', k);
        throw new EnvFileError(line, `unterminated quoted value ${src.slice(k, nl < 0 ? undefined : nl)}`);
      }
      let value = src.slice(k + 1, end);
      if (quote === '"') value = expand(unescape(value), resolve, line);
      out[key] = value;
      advanceTo(end + 1);
      // The rest of that line (a comment) is ignored.
      const nl = src.indexOf('\n', i);
      const tail = src.slice(i, nl < 0 ? undefined : nl).trim();
      if (tail !== '' && !tail.startsWith('#')) throw new EnvFileError(line, `unexpected text after the closing quote: ${tail}`);
      advanceTo(nl < 0 ? src.length : nl);
      continue;
    }
    const nl = src.indexOf('\n', k);
    let raw = src.slice(k, nl < 0 ? undefined : nl);
    const comment = raw.indexOf(' #');
    if (comment >= 0) raw = raw.slice(0, comment);
    out[key] = expand(raw.replace(/\s+$/, ''), resolve, line);
    advanceTo(nl < 0 ? src.length : nl);
  }
  return out;
}

function unescape(value: string): string {
  return value
    .replace(/\\(.)/gs, (match, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : match))
    .replace(/\\([^$])/g, '$1');
}

function expand(value: string, lookup: Lookup, line: number): string {
  try {
    return substitute(value, lookup).value;
  } catch (error) {
    if (error instanceof TemplateError) throw new EnvFileError(line, error.message);
    throw error;
  }
}
