import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { INTERRUPTED_EXIT_CODE } from '../../../electron/cli/interrupt';
import { killLeftover, startCli, type CliProcess } from '../../support/cli-process';
import { runCliCaptured } from '../../support/capture-cli';
import { testDockerHost, testEnv } from '../../support/engine';
import { tempProject } from '../stack/stack-fixtures';

const run = promisify(execFile);
/** Debian's docker CLI (20.10, as the engine) when there, else the one on PATH. */
const DOCKER = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';

const FILE = `services:
  busy:
    image: busybox:latest
    command: ["sh", "-c", "while :; do :; done"]
    stop_grace_period: 1s
  idle:
    image: busybox:latest
    init: true
    command: ["sleep", "3600"]
`;

type Row = Record<string, string>;

function parseLines(text: string): Row[] {
  return text.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Row);
}

const cpu = (row: Row | undefined) => Number.parseFloat(row?.CPUPerc ?? 'NaN');

describe('slipway stats', () => {
  const temp = tempProject('stats-cli');
  let cli: CliProcess | undefined;
  afterEach(async () => {
    killLeftover(cli);
    await temp.cleanup();
  });

  it('--no-stream --format json: docker stats\' fields and values, a busy container\'s CPU within docker\'s own spread', async () => {
    const cwd = await temp.create(FILE);
    const name = temp.name;
    expect((await runCliCaptured({ argv: ['-p', name, 'up', '-d'], env: testEnv(), cwd })).code).toBe(0);
    const docker = () =>
      run(DOCKER, ['stats', '--no-stream', '--format', '{{json .}}', `${name}-busy-1`, `${name}-idle-1`], { env: { PATH: process.env.PATH, DOCKER_HOST: testDockerHost() } }).then((r) => parseLines(r.stdout));
    // Both read the same seconds: docker twice, around Slipway, gives docker's own spread.
    const [before, ours, after] = await Promise.all([docker(), runCliCaptured({ argv: ['-p', name, 'stats', '--no-stream', '--format', 'json'], env: testEnv(), cwd }), docker()]);
    expect(ours.code).toBe(0);
    const rows = parseLines(ours.out);
    const theirs = before.map((row): Row => ({ ...row, Container: row.ID ?? '' }));
    expect(rows.map((r) => Object.keys(r))).toEqual(theirs.map((r) => Object.keys(r)));
    expect(rows.map((r) => [r.Name, r.ID, r.Container])).toEqual(theirs.map((r) => [r.Name, r.ID, r.ID]));
    const byName = (list: Row[], service: string) => list.find((r) => r.Name === `${name}-${service}-1`);
    for (const field of ['PIDs', 'BlockIO']) expect(byName(rows, 'idle')?.[field]).toBe(byName(before, 'idle')?.[field]);
    // The default network's counters move between readings (router solicitations): same shape, docker's units.
    expect(byName(rows, 'idle')?.NetIO).toMatch(/^\d+(\.\d+)?[kMG]?B \/ \d+(\.\d+)?[kMG]?B$/);
    expect(byName(rows, 'idle')?.MemUsage?.split(' / ')[1]).toBe(byName(before, 'idle')?.MemUsage?.split(' / ')[1]);
    // a sleeping container: docker's format, and next to nothing (a wake-up of its init can show as 0.01 %)
    expect(byName(rows, 'idle')?.CPUPerc).toMatch(/^\d+\.\d\d%$/);
    expect(cpu(byName(rows, 'idle'))).toBeLessThan(1);
    const docker1 = cpu(byName(before, 'busy'));
    const docker2 = cpu(byName(after, 'busy'));
    const slipway = cpu(byName(rows, 'busy'));
    expect(slipway).toBeGreaterThan(5);
    // A busy loop's share moves by several points a second on a shared machine (a CI run saw
    // docker at 97 % twice and ours at 82 %): docker's two readings bound ours within 30 % and 5
    // points. A wrong formula is off by a factor (×2 or ×½ on 2 cores) and lands outside.
    expect(slipway).toBeGreaterThanOrEqual(Math.min(docker1, docker2) * 0.7 - 5);
    expect(slipway).toBeLessThanOrEqual(Math.max(docker1, docker2) * 1.3 + 5);
  });

  it('--no-stream SERVICE prints docker\'s table for that service only', async () => {
    const cwd = await temp.create(FILE);
    const name = temp.name;
    expect((await runCliCaptured({ argv: ['-p', name, 'up', '-d', 'idle'], env: testEnv(), cwd })).code).toBe(0);
    const table = await runCliCaptured({ argv: ['-p', name, 'stats', '--no-stream', 'idle'], env: testEnv(), cwd });
    expect(table.code).toBe(0);
    const lines = table.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CONTAINER ID {3}NAME +CPU % +MEM USAGE \/ LIMIT +MEM % +NET I\/O +BLOCK I\/O +PIDS$/);
    expect(lines.slice(1).map((l) => l.split(/\s{3,}/)[1])).toEqual([`${name}-idle-1`]);
  });

  it('streams until Ctrl+C: a refreshed reading each second, the busy loop\'s CPU, exit code 130', async () => {
    const cwd = await temp.create(FILE);
    const name = temp.name;
    expect((await runCliCaptured({ argv: ['-p', name, 'up', '-d', 'busy'], env: testEnv(), cwd })).code).toBe(0);
    cli = startCli(['-p', name, 'stats', '--format', '{{.Name}} {{.CPUPerc}}'], { cwd, env: testEnv() });
    const busyLine = new RegExp(`^${name}-busy-1 (\\d+\\.\\d\\d)%$`, 'gm');
    // Two readings with CPU after the first (a stream's first reading has none).
    await cli.waitFor(new RegExp(`(${name}-busy-1 (?!0\\.00%)\\d+\\.\\d\\d%\\n[^]*){2}`), 'out');
    expect([...cli.out().matchAll(busyLine)].map((m) => Number(m[1])).some((cpu) => cpu > 5)).toBe(true);
    cli.child.kill('SIGINT');
    const exit = await cli.exited(10_000);
    expect(exit.code).toBe(INTERRUPTED_EXIT_CODE);
    expect(exit.err).not.toMatch(/\n\s+at /);
  });
});
