import { describe, expect, it } from 'vitest';
import { bytesSize, goFormatG, humanSizeWithPrecision, percent } from '../../../../shared/docker-units';

describe('numbers as the Docker CLI prints them', () => {
  it('Go\'s %g: significant digits, trailing zeros dropped, an exponent past the precision', () => {
    expect(goFormatG(0, 4)).toBe('0');
    expect(goFormatG(228, 4)).toBe('228');
    expect(goFormatG(23.5400390625, 4)).toBe('23.54');
    expect(goFormatG(1.5, 3)).toBe('1.5');
    expect(goFormatG(1023.96, 4)).toBe('1024');
    expect(goFormatG(999.7, 3)).toBe('1e+03');
    expect(goFormatG(12345, 3)).toBe('1.23e+04');
  });

  it('BytesSize (binary, 4 digits) as in MEM USAGE / LIMIT', () => {
    expect(bytesSize(233472)).toBe('228KiB');
    expect(bytesSize(25276502016)).toBe('23.54GiB');
    expect(bytesSize(64 * 1024 * 1024)).toBe('64MiB');
    expect(bytesSize(876544)).toBe('856KiB');
    expect(bytesSize(0)).toBe('0B');
    expect(bytesSize(1000)).toBe('1000B');
  });

  it('HumanSizeWithPrecision (decimal, 3 digits) as in NET I/O and BLOCK I/O', () => {
    expect(humanSizeWithPrecision(0, 3)).toBe('0B');
    expect(humanSizeWithPrecision(1042, 3)).toBe('1.04kB');
    expect(humanSizeWithPrecision(1390, 3)).toBe('1.39kB');
    expect(humanSizeWithPrecision(20971520, 3)).toBe('21MB');
    expect(humanSizeWithPrecision(999, 3)).toBe('999B');
  });

  it('percentages with two decimals', () => {
    expect(percent(59.1467)).toBe('59.15%');
    expect(percent(0)).toBe('0.00%');
  });
});
