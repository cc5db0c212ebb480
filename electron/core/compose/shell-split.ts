/**
 * Splits a command string into words like a POSIX shell would, without expanding
 * anything: single quotes literal, double quotes with `\` escapes, backslash escapes.
 * Throws on an unterminated quote.
 */
export function shellSplit(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      i++;
      continue;
    }
    inWord = true;
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === undefined) {
        current += '\\';
        i++;
      } else if (next === '\n') {
        i += 2;
      } else {
        current += next;
        i += 2;
      }
      continue;
    }
    if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated single quote in ${JSON.stringify(text)}`);
      current += text.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let closed = false;
      while (j < text.length) {
        const c = text.charAt(j);
        if (c === '"') {
          closed = true;
          break;
        }
        if (c === '\\' && ['"', '\\', '$', '`', '\n'].includes(text[j + 1] ?? '')) {
          if (text[j + 1] !== '\n') current += text[j + 1];
          j += 2;
          continue;
        }
        current += c;
        j++;
      }
      if (!closed) throw new Error(`unterminated double quote in ${JSON.stringify(text)}`);
      i = j + 1;
      continue;
    }
    current += ch;
    i++;
  }
  if (inWord) words.push(current);
  return words;
}
