/**
 * Compose-spec variable substitution in one string: `$$`, `$VAR`, `${VAR}`, `${VAR:-d}`,
 * `${VAR-d}`, `${VAR:?e}`, `${VAR?e}`, `${VAR:+r}`, `${VAR+r}`, with templates nested in
 * the default, error and replacement words.
 */

export type Lookup = (name: string) => string | undefined;

export class TemplateError extends Error {
  constructor(
    readonly kind: 'invalid' | 'required',
    message: string,
    readonly variable?: string,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

export interface SubstituteResult {
  value: string;
  /** Variables read but not set (Compose warns and uses an empty string). */
  unset: string[];
}

const NAME_START = /[_a-zA-Z]/;
const NAME_CHAR = /[_a-zA-Z0-9]/;

export function substitute(template: string, lookup: Lookup): SubstituteResult {
  const unset: string[] = [];
  const value = run(template, lookup, unset, template);
  return { value, unset };
}

function run(text: string, lookup: Lookup, unset: string[], whole: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch !== '$') {
      const next = text.indexOf('$', i);
      const end = next < 0 ? text.length : next;
      out += text.slice(i, end);
      i = end;
      continue;
    }
    const after = text[i + 1];
    if (after === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (after !== undefined && NAME_START.test(after)) {
      let j = i + 2;
      while (j < text.length && NAME_CHAR.test(text[j] ?? '')) j++;
      const name = text.slice(i + 1, j);
      out += read(name, lookup, unset);
      i = j;
      continue;
    }
    if (after === '{') {
      const close = closingBrace(text, i + 2);
      if (close < 0) throw invalid(whole);
      out += braced(text.slice(i + 2, close), lookup, unset, whole);
      i = close + 1;
      continue;
    }
    // A `$` not followed by a name, `{` or `$` stays as it is ("a $ string", "^REGEX$").
    out += '$';
    i++;
  }
  return out;
}

/** Index of the `}` closing a `${` whose body starts at `start`, counting nested `${`. */
function closingBrace(text: string, start: number): number {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '$') {
      i++;
      continue;
    }
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
      continue;
    }
    if (text[i] === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function braced(body: string, lookup: Lookup, unset: string[], whole: string): string {
  let j = 0;
  if (!NAME_START.test(body[0] ?? '')) throw invalid(whole);
  while (j < body.length && NAME_CHAR.test(body[j] ?? '')) j++;
  const name = body.slice(0, j);
  const rest = body.slice(j);
  if (rest === '') return read(name, lookup, unset);
  const colon = rest.startsWith(':');
  const op = rest[colon ? 1 : 0];
  if (op !== '-' && op !== '?' && op !== '+') throw invalid(whole);
  const word = rest.slice(colon ? 2 : 1);
  const value = lookup(name);
  const present = colon ? value !== undefined && value !== '' : value !== undefined;
  switch (op) {
    case '-':
      return present ? (value ?? '') : run(word, lookup, unset, whole);
    case '+':
      return present ? run(word, lookup, unset, whole) : (value ?? '');
    default: {
      if (present) return value ?? '';
      const message = run(word, lookup, unset, whole);
      throw new TemplateError('required', `required variable ${name} is missing a value${message ? `: ${message}` : ''}`, name);
    }
  }
}

function read(name: string, lookup: Lookup, unset: string[]): string {
  const value = lookup(name);
  if (value === undefined) {
    if (!unset.includes(name)) unset.push(name);
    return '';
  }
  return value;
}

function invalid(template: string): TemplateError {
  return new TemplateError('invalid', `invalid interpolation format ${JSON.stringify(template)}`);
}
