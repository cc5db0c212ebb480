import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../support/capture-cli';
import { testEnv } from '../../support/engine';
import { bundleCli, removeBundledCli } from '../logs/cli-bundle';
import { tempProject } from './stack-fixtures';

const run = promisify(execFile);

const FILE = `services:
  web:
    image: busybox:latest
    init: true
    command: ["sleep", "3600"]
`;

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

let cliFile = '';
beforeAll(async () => {
  cliFile = await bundleCli('live');
});
afterAll(async () => {
  removeBundledCli(cliFile);
});

describe('shell completion with the real command', () => {
  const temp = tempProject('compl');
  afterEach(async () => {
    await temp.cleanup();
  });

  /** bash with `slipway` standing for the built CLI, the completion loaded from `slipway completion bash`. */
  function bash(cwd: string, script: string): Promise<{ stdout: string }> {
    const prelude = `slipway() { ${quote(process.execPath)} ${quote(cliFile)} "$@"; }\nsource <(slipway completion bash)\n`;
    return run('bash', ['-c', prelude + script], { cwd, env: testEnv() });
  }

  it('bash loads the script: complete -p slipway names the function', async () => {
    const cwd = await temp.create(FILE);
    expect((await bash(cwd, 'complete -p slipway')).stdout.trim()).toBe('complete -F _slipway slipway');
  });

  it('the function completes a command name and a service name of the project here', async () => {
    const cwd = await temp.create(FILE.replace('  web:', '  worker:\n    image: busybox:latest\n  web:'));
    const complete = async (words: string[]) => {
      const list = words.map(quote).join(' ');
      const out = await bash(cwd, `COMP_WORDS=(${list}); COMP_CWORD=${words.length - 1}; _slipway; printf '%s\\n' "\${COMPREPLY[@]}"`);
      return out.stdout.split('\n').filter(Boolean);
    };
    expect(await complete(['slipway', 'even'])).toEqual(['events']);
    expect(await complete(['slipway', 'logs', 'w'])).toEqual(['web', 'worker']);
    expect(await complete(['slipway', 'logs', 'wo'])).toEqual(['worker']);
  });
});

describe('up’s progress on a real terminal and piped', () => {
  const temp = tempProject('live');
  afterEach(async () => {
    await temp.cleanup();
  });

  it('on a terminal (script -qc gives it one), up -d draws Compose’s in-place lines', async () => {
    const cwd = await temp.create(FILE);
    const command = [process.execPath, cliFile, '-p', temp.name, 'up', '-d'].map(quote).join(' ');
    // script(1) runs the command on a pseudo-terminal and copies what it drew to its stdout.
    const { stdout } = await run('script', ['-qec', command, '/dev/null'], { cwd, env: { ...testEnv(), COLUMNS: '80', TERM: 'xterm' } });
    expect(stdout).toContain('[+] Running 2/2');
    expect(stdout).toMatch(new RegExp(`✔(\\u001b\\[[0-9;]*m)* Container ${temp.name}-web-1 +(\\u001b\\[[0-9;]*m)*Started`));
    // Redrawn in place: the cursor goes up over the previous frame.
    expect(stdout).toMatch(new RegExp(`${'\u001b'}\\[\\d+A`));
  });

  it('piped, the same up prints plain lines with no escapes', async () => {
    const cwd = await temp.create(FILE);
    const up = await runCliCaptured({ argv: ['-p', temp.name, 'up', '-d'], env: testEnv(), cwd });
    expect(up.code).toBe(0);
    expect(up.err).toContain(` Container ${temp.name}-web-1  Started`);
    expect(up.err).not.toContain('\u001b');
  });

  it('on a terminal, build draws a line per service and per BuildKit step in place', async () => {
    const cwd = await temp.create(`services:\n  app:\n    build:\n      context: .\n      network: none\n      dockerfile_inline: |\n        FROM busybox:latest\n        RUN echo built > /built\n`);
    const command = [process.execPath, cliFile, '-p', temp.name, 'build'].map(quote).join(' ');
    const { stdout } = await run('script', ['-qec', command, '/dev/null'], { cwd, env: { ...testEnv(), COLUMNS: '100', TERM: 'xterm' } });
    expect(stdout).toContain('[+] Building');
    const sgr = '(\\u001b\\[[0-9;]*m)*';
    expect(stdout).toMatch(new RegExp(`✔${sgr} Service app +${sgr}Built`));
    expect(stdout).toMatch(new RegExp(`app #\\d+ +${sgr}(Done|Cached)${sgr} \\[2/2\\] RUN echo built`));
    expect(stdout).toMatch(new RegExp(`${'\u001b'}\\[\\d+A`));
  });
});
