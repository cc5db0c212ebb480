import Anser from 'anser';

export interface AnsiChunk {
  text: string;
  className: string;
}

/** Splits a line into styled chunks (colours as classes, themed in CSS) with anser. */
export function ansiChunks(text: string): AnsiChunk[] {
  if (!text.includes('\u001b')) return [{ text, className: '' }];
  return Anser.ansiToJson(text, { use_classes: true, remove_empty: true }).map((entry) => ({
    text: entry.content,
    className: [
      entry.fg ? `${entry.fg}-fg` : '',
      entry.bg ? `${entry.bg}-bg` : '',
      ...entry.decorations.map((d) => `ansi-${d}`),
    ]
      .filter(Boolean)
      .join(' '),
  }));
}
