import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeValidator } from '../../../../electron/core/compose/schema-validator';

const root = process.cwd();

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|tsx|mjs|js)$/.test(name) ? [full] : [];
  });
}

describe('the Compose-spec validator', () => {
  it('is the code the bundled schema generates (regenerate with scripts/generate-compose-validator.mjs)', () => {
    const check = spawnSync(process.execPath, ['scripts/generate-compose-validator.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  }, 30_000);

  it('validates without compiling anything: a known key passes, an unknown one fails with its path', () => {
    const validate = composeValidator();
    expect(validate({ services: { web: { image: 'busybox' } } })).toBe(true);
    expect(validate({ services: { web: { image: 'busybox', imagee: 'x' } } })).toBe(false);
    expect(validate.errors?.map((e) => [e.instancePath, e.params])).toContainEqual(['/services/web', { additionalProperty: 'imagee' }]);
  });

  it('nothing the app ships evaluates code at run time (no new Function, no eval)', () => {
    const shipped = ['electron', 'shared', 'renderer'].flatMap((folder) => sources(path.join(root, folder)));
    const offenders = shipped.filter((file) => /\bnew Function\s*\(|[^.\w]eval\s*\(/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => path.relative(root, file))).toEqual([]);
  });
});
