import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../electron/cli/run-cli';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  return { stream, text: () => text };
}

describe('slipway settings: the same file the desktop app keeps', () => {
  // The CLI loads the core on its first call; load (and transform) it once before the tests.
  beforeAll(() => import('../../../../electron/core'), 60_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'slipway-settings-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (argv: string[]) => {
    const out = capture();
    const err = capture();
    const code = await runCli({ argv, env: { HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'cfg'), PATH: process.env.PATH }, cwd: dir, stdout: out.stream, stderr: err.stream });
    return { code, out: out.text(), err: err.text() };
  };

  it('prints the file, shows the settings and changes one', async () => {
    expect(await run(['settings', 'path'])).toMatchObject({ code: 0, out: `${path.join(dir, 'cfg', 'slipway', 'config.json')}\n` });
    const shown = await run(['settings']);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.out)).toMatchObject({ schemaVersion: 2, theme: 'system', closeToTray: true });
    expect(await run(['settings', 'set', 'theme', 'dark'])).toMatchObject({ code: 0, out: 'theme = "dark"\n' });
    expect(await run(['settings', 'set', 'closeToTray', 'off'])).toMatchObject({ code: 0, out: 'closeToTray = false\n' });
    const file = JSON.parse(readFileSync(path.join(dir, 'cfg', 'slipway', 'config.json'), 'utf8'));
    expect(file).toMatchObject({ schemaVersion: 2, theme: 'dark', closeToTray: false });
    expect(await run(['settings', 'set', 'serviceUrlsPort', '7380'])).toMatchObject({ code: 0, out: 'serviceUrlsPort = 7380\n' });
    expect(await run(['settings', 'set', 'serviceUrlsPort', 'auto'])).toMatchObject({ code: 0, out: 'serviceUrlsPort = null\n' });
  });

  it('says what is wrong with a bad key or value, in one line plus what to do', async () => {
    const badKey = await run(['settings', 'set', 'colour', 'red']);
    expect(badKey.code).toBe(1);
    expect(badKey.err).toMatch(/there is no setting "colour"/);
    expect(badKey.err).toMatch(/theme, startAtLogin, closeToTray, notifications/);
    const badTheme = await run(['settings', 'set', 'theme', 'purple']);
    expect(badTheme.code).toBe(1);
    expect(badTheme.err).toMatch(/"purple" is not a valid value/);
    expect(badTheme.err).toMatch(/system, light or dark/);
    expect(badTheme.err).not.toMatch(/\n\s+at /);
    const badBool = await run(['settings', 'set', 'notifications', 'maybe']);
    expect(badBool.err).toMatch(/"maybe" is not on or off/);
    const badPort = await run(['settings', 'set', 'serviceUrlsPort', '70000']);
    expect(badPort.code).toBe(1);
    expect(badPort.err).toMatch(/"70000" is not a port/);
  });
});
