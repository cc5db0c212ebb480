import type { Readable } from 'node:stream';

/** A progress line longer than this (4 Mi characters) without a newline is let out as text. */
export const MAX_JSON_LINE_CHARS = 4 * 1024 * 1024;
export const JSON_LINE_SPLIT_MARKER = ' [… over 4 MiB without a newline, continued]';

/**
 * The engine's progress streams (build, push, pull) are JSON objects separated by
 * newlines, split across chunks anywhere. Yields each object; a line that is not JSON is
 * yielded as {stream: line} so nothing the engine said is lost; nor is a line that never
 * ends kept whole (see MAX_JSON_LINE_CHARS).
 */
export async function* jsonLines(stream: Readable): AsyncGenerator<Record<string, unknown>> {
  let buffered = '';
  const decoder = new TextDecoder();
  for await (const chunk of stream) {
    if (typeof chunk === 'string') buffered += chunk;
    else if (chunk instanceof Uint8Array) buffered += decoder.decode(chunk, { stream: true });
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line !== '') yield parse(line);
      newline = buffered.indexOf('\n');
    }
    // Bounded memory: what never ends is passed on as text in pieces, not kept.
    while (buffered.length > MAX_JSON_LINE_CHARS) {
      yield { stream: buffered.slice(0, MAX_JSON_LINE_CHARS) + JSON_LINE_SPLIT_MARKER };
      buffered = buffered.slice(MAX_JSON_LINE_CHARS);
    }
  }
  const last = buffered.trim();
  if (last !== '') yield parse(last);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parse(line: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(line);
    return isRecord(value) ? value : { stream: line };
  } catch {
    return { stream: line };
  }
}
