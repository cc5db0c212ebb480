import { errorMessage, SlipwayError } from '../../../shared/errors';
import type { LogRing } from './log-ring';

export interface SearchQuery {
  query: string;
  regex: boolean;
  caseSensitive: boolean;
}

/** Calls `hit` with the absolute index of every line of `ring` that matches, oldest first. */
export type RingMatcher = (ring: LogRing, hit: (abs: number) => void) => void;

/** Compiles a search; a bad regular expression is a user error that says where. */
export function compileSearch(search: SearchQuery): RingMatcher {
  if (!search.regex) {
    const needle = search.caseSensitive ? search.query : search.query.toLowerCase();
    const fold = !search.caseSensitive;
    return (ring, hit) => ring.findSubstring(needle, fold, hit);
  }
  const single = compileRegex(search.query, search.caseSensitive);
  const global = new RegExp(single.source, `${single.flags}gm`);
  return (ring, hit) => ring.findRegex(global, single, hit);
}

export function compileRegex(source: string, caseSensitive: boolean): RegExp {
  try {
    return new RegExp(source, caseSensitive ? '' : 'i');
  } catch (error) {
    throw new SlipwayError('invalid_regex', `Invalid regular expression /${source}/: ${errorMessage(error).replace(/^Invalid regular expression: /, '')}`, 'Fix the pattern, or search for plain text.');
  }
}
