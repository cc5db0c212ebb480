import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listProjectContainers } from '../../../electron/core/state/container-list';
import { killLeftover, startCli, type CliProcess } from '../../support/cli-process';
import { removeProjectResources, testDocker, testEnv, uniqueProjectName } from '../../support/engine';
import { sleeper } from './live-fixture';

const compose = (webCommand: string) => `services:\n  web:\n${sleeper().replace('["sleep", "3600"]', webCommand)}  worker:\n${sleeper('    environment:\n      GREETING: ${GREETING}\n')}`;

describe('slipway up --watch: the project file is live', () => {
  let cli: CliProcess | undefined;
  let dir: string | undefined;
  let project: string | undefined;
  afterEach(async () => {
    killLeftover(cli);
    if (project) await removeProjectResources(testDocker(), project);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('an edited command, an edited .env variable, a broken edit and its fix: one line each, only the changed service recreated', async () => {
    dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'swliveup-')));
    project = uniqueProjectName('liveupwatch');
    const name = project;
    const write = (file: string, text: string) => writeFileSync(path.join(dir ?? '', file), text);
    const ids = async () => Object.fromEntries((await listProjectContainers(testDocker(), name)).map((c) => [c.service, c.id]));
    write('compose.yaml', compose('["sleep", "3600"]'));
    write('.env', 'GREETING=hi\n');
    cli = startCli(['-p', name, 'up', '--watch'], { cwd: dir, env: testEnv() });
    // No develop.watch rule: the project's files are watched all the same.
    await cli.waitFor(/watching the project files/, 'out');
    const first = await ids();

    write('compose.yaml', compose('["sleep", "3601"]'));
    await cli.waitFor(/^compose\.yaml changed: recreated web \(command\) in [\d.]+ m?s$/m, 'out');
    const second = await ids();
    expect(second.web).not.toBe(first.web);
    expect(second.worker).toBe(first.worker);

    write('.env', 'GREETING=hello\n');
    await cli.waitFor(/^\.env changed: recreated worker \(environment\.GREETING\) in /m, 'out');
    const third = await ids();
    expect(third.worker).not.toBe(second.worker);
    expect(third.web).toBe(second.web);

    write('compose.yaml', compose('["sleep", "3602"'));
    await cli.waitFor(/^compose\.yaml changed: not applied, the running services are unchanged: compose\.yaml:\d+:\d+/m, 'out');
    expect(await ids()).toEqual(third);

    write('compose.yaml', compose('["sleep", "3602"]'));
    await cli.waitFor(/recreated web \(command\)[^\n]*\n(?:.*\n)*.*recreated web \(command\)/, 'out');
    const fourth = await ids();
    expect(fourth.web).not.toBe(third.web);
    expect(fourth.worker).toBe(third.worker);

    cli.child.kill('SIGINT');
    expect((await cli.exited()).code).toBe(0);
  });
});
