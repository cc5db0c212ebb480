import { describe, expect, it } from 'vitest';
import { invalidUtf8Offset } from '../../../../electron/core/compose/utf8-text';

describe('the first byte that is not UTF-8', () => {
  it.each([
    ['plain ASCII', [0x61, 0x62], -1],
    ['é, €, 😀', [...Buffer.from('é€😀')], -1],
    ['Latin-1 é', [0x61, 0xe9, 0x62], 1],
    ['a truncated sequence', [0x61, 0xe2, 0x82], 1],
    ['an overlong slash', [0xc0, 0xaf], 0],
    ['an overlong 3-byte form', [0xe0, 0x80, 0xaf], 0],
    ['a UTF-16 surrogate', [0x61, 0xed, 0xa0, 0x80], 1],
    ['past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a lone continuation byte', [0x61, 0x80], 1],
  ])('%s', (_what, bytes, offset) => {
    expect(invalidUtf8Offset(Uint8Array.from(bytes))).toBe(offset);
  });
});
