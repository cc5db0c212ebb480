import { describe, expect, it } from 'vitest';
import { normalizeDuration, parseDurationMs } from '../../../../shared/duration';

describe('parseDurationMs (the one Go-duration parser, in milliseconds)', () => {
  it('reads Go durations, plain seconds and numbers', () => {
    expect(parseDurationMs('1m30s')).toBe(90_000);
    expect(parseDurationMs('500ms')).toBe(500);
    expect(parseDurationMs('1.5h')).toBe(5_400_000);
    expect(parseDurationMs('10')).toBe(10_000);
    expect(parseDurationMs(2)).toBe(2000);
    expect(parseDurationMs(undefined)).toBeUndefined();
  });

  it('refuses what is not a duration, and negative ones', () => {
    expect(parseDurationMs('')).toBeUndefined();
    expect(parseDurationMs('10 minutes')).toBeUndefined();
    expect(parseDurationMs('-5m')).toBeUndefined();
  });

  it('agrees with what the loader prints', () => {
    const printed = normalizeDuration('90s');
    expect(printed).toBe('1m30s');
    expect(parseDurationMs(printed)).toBe(90_000);
  });
});
