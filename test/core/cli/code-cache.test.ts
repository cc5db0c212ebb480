import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../../support/cli-process';
import { testEnv } from '../../support/engine';

/**
 * The built `slipway` keeps V8's compiled code of its bundle in the cache folder: a command
 * that never reached the core leaves a shallow cache, the first that does a deeper one, and
 * later commands run from it with the same answers.
 */
const scratch = mkdtempSync(path.join(tmpdir(), 'slipway-cli-cache-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the built CLI and its code cache', () => {
  it('version leaves a shallow cache, ps a deeper one, and the next ps answers the same from it', async () => {
    const cacheDir = path.join(scratch, 'cache');
    const project = `codecache${process.pid}`;
    const env = { ...testEnv(), SLIPWAY_CODE_CACHE: cacheDir };
    writeFileSync(path.join(scratch, 'compose.yaml'), 'services:\n  app:\n    image: busybox:latest\n    command: ["sleep", "60"]\n');
    const version = await runCliProcess(['version'], { cwd: scratch, env });
    expect(version.code, version.err).toBe(0);
    expect(readdirSync(cacheDir)).toEqual([expect.stringMatching(/\.entry$/)]);

    const ps = await runCliProcess(['-p', project, 'ps'], { cwd: scratch, env });
    expect(ps.code, ps.err).toBe(0);
    expect(readdirSync(cacheDir)).toEqual([expect.stringMatching(/\.core$/)]);

    const again = await runCliProcess(['-p', project, 'ps'], { cwd: scratch, env });
    expect(again).toMatchObject({ code: 0, out: ps.out, err: ps.err });
    expect(readdirSync(cacheDir)).toEqual([expect.stringMatching(/\.core$/)]);
  });

  it('SLIPWAY_CODE_CACHE=off: nothing is written', async () => {
    const off = await runCliProcess(['version'], { cwd: scratch, env: { ...testEnv(), SLIPWAY_CODE_CACHE: 'off', HOME: scratch, XDG_CACHE_HOME: path.join(scratch, 'xdg') } });
    expect(off.code, off.err).toBe(0);
    expect(readdirSync(scratch).filter((name) => name === 'xdg' || name === '.cache')).toEqual([]);
  });
});
