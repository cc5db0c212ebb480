import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../../electron/core/compose/load-project';
import { isSlipwayError } from '../../../../shared/errors';

const root = path.resolve(__dirname, '../../../fixtures/compose/malformed');
const cases = readdirSync(root).filter((name) => existsSync(path.join(root, name, 'expected.txt'))).sort();

describe('malformed compose files: each gives its one clear message', () => {
  it('has a corpus of at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('%s', async (name) => {
    const dir = path.join(root, name);
    const expected = readFileSync(path.join(dir, 'expected.txt'), 'utf8').trimEnd();
    let caught: unknown;
    try {
      await loadProject({ cwd: dir, env: { HOME: '/home/tester' } });
    } catch (error) {
      caught = error;
    }
    expect(isSlipwayError(caught), `expected a SlipwayError, got ${String(caught)}`).toBe(true);
    expect((caught as Error).message).toBe(expected);
    expect((caught as Error).message).not.toContain('\n');
  });
});
