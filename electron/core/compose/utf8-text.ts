import { SlipwayError } from '../../../shared/errors';

const strict = new TextDecoder('utf-8', { fatal: true });

/** The offset of the first byte that is not part of valid UTF-8, or -1 when all of it is. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    let extra: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      extra = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      extra = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      extra = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let code = b & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return i;
    i += extra + 1;
  }
  return -1;
}

/**
 * A compose file's bytes as text; a file that is not UTF-8 is refused with its place, as
 * Compose refuses it (YAML is UTF-8 here), instead of being read with its bytes replaced.
 */
export function composeText(bytes: Buffer, display: string): string {
  try {
    return strict.decode(bytes);
  } catch {
    const offset = invalidUtf8Offset(bytes);
    throw new SlipwayError('compose_yaml', `${display}: not UTF-8 text: byte ${offset} (0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')}) is not valid UTF-8`, 'Save the compose file as UTF-8.');
  }
}
