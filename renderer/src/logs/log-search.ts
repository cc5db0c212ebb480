import { stripAnsi } from '../../../shared/ansi';

export interface SearchQuery {
  text: string;
  regex: boolean;
}

export type Matcher = { ok: true; test: (text: string) => boolean } | { ok: false; error: string };

/** A case-insensitive matcher for plain text or a regular expression (bad regex → error, not throw). */
export function makeMatcher(query: SearchQuery): Matcher | undefined {
  if (query.text === '') return undefined;
  if (query.regex) {
    try {
      const re = new RegExp(query.text, 'i');
      return { ok: true, test: (text) => re.test(stripAnsi(text)) };
    } catch (error) {
      return { ok: false, error: `Invalid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}` };
    }
  }
  const needle = query.text.toLowerCase();
  return { ok: true, test: (text) => stripAnsi(text).toLowerCase().includes(needle) };
}
