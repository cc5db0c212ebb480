import type { LogLine } from '../../../shared/contract/logs';
import { stripAnsi } from '../../../shared/ansi';
import { compileRegex } from './log-search';
import type { LineSource } from './log-subscription';

/** What a subscriber keeps of the lines: a new array, the input left as it was. */
export type LineFilter = (lines: LogLine[]) => LogLine[];

export interface LineFilterOptions {
  /** Remove ANSI escapes from the text (`--no-color`). */
  stripAnsi?: boolean | undefined;
  /** Case-sensitive regular expression the text (as sent) must match; `system` lines always pass. */
  grep?: string | undefined;
}

/** The filter a subscription asked for, or undefined when it keeps every line as it is; a bad regex throws a SlipwayError. */
export function lineFilter(options: LineFilterOptions): LineFilter | undefined {
  const grep = options.grep === undefined ? undefined : compileRegex(options.grep, true);
  const strip = options.stripAnsi === true;
  if (!grep && !strip) return undefined;
  return (lines) => {
    const kept: LogLine[] = [];
    for (const line of lines) {
      const text = strip ? stripAnsi(line.text) : line.text;
      if (grep && line.stream !== 'system' && !grep.test(text)) continue;
      kept.push(text === line.text ? line : { ...line, text });
    }
    return kept;
  };
}

/** A source that hands out only what `filter` keeps (reads on while everything read is dropped). */
export function filteredSource(source: LineSource, filter: LineFilter): LineSource {
  return {
    pending: () => source.pending(),
    read: (max) => {
      const out: LogLine[] = [];
      while (out.length < max) {
        const lines = source.read(max - out.length);
        if (lines.length === 0) break;
        for (const line of filter(lines)) out.push(line);
      }
      return out;
    },
  };
}
