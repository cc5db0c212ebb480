import { describe, expect, it } from 'vitest';
import { compareText } from '../../../shared/compare-text';

describe('compareText', () => {
  it('orders by code units, as Go sorts strings in Compose (capitals before small letters)', () => {
    expect(['web', 'Api', 'db-2', 'db-10', 'api', 'é', 'z'].sort(compareText)).toEqual(['Api', 'api', 'db-10', 'db-2', 'web', 'z', 'é']);
  });

  it('says equal only for equal strings', () => {
    expect(compareText('a', 'a')).toBe(0);
    expect(compareText('a', 'b')).toBeLessThan(0);
    expect(compareText('b', 'a')).toBeGreaterThan(0);
  });
});
