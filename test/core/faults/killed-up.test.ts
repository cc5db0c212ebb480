import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killLeftover, runCliProcess, startCli, type CliProcess } from '../../support/cli-process';
import { testDocker, testEnv } from '../../support/engine';
import { recordEvents, tempProject } from '../stack/stack-fixtures';
import { expectConverged, GATED_STACK, slowToStop } from './fault-stacks';

const docker = testDocker();

describe('the CLI killed (SIGKILL) in the middle of up', () => {
  const temp = tempProject('killed');
  let cli: CliProcess | undefined;
  afterEach(async () => {
    killLeftover(cli);
    await temp.cleanup();
  });

  /**
   * A one-service stack up at VERSION=1, its file changed to VERSION=2, and a second up killed
   * once the replacement is created under its temporary name (the old one's stop takes 6 s).
   */
  async function killedWhileReplacing(): Promise<{ cwd: string; name: string; oldId: string }> {
    const cwd = await temp.create(slowToStop('1'));
    const name = temp.name;
    const first = await runCliProcess(['-p', name, 'up', '-d'], { cwd, env: testEnv() });
    expect(first.code, first.err).toBe(0);
    const [old] = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${name}`] } });
    await writeFile(path.join(cwd, 'compose.yaml'), slowToStop('2'));
    const events = await recordEvents(docker, name);
    try {
      cli = startCli(['-p', name, 'up', '-d'], { cwd, env: testEnv() });
      await events.waitFor((e) => e.Action === 'create' && e.Actor.Attributes['com.docker.compose.replace'] !== undefined, 60_000);
    } finally {
      events.stop();
    }
    cli.child.kill('SIGKILL');
    await cli.exited(10_000);
    return { cwd, name, oldId: old?.Id ?? '' };
  }

  /** up again converges on one running container of the new configuration. */
  async function expectUpConvergesToVersion2(cwd: string, name: string): Promise<void> {
    const again = await runCliProcess(['-p', name, 'up', '-d'], { cwd, env: testEnv() });
    expect(again.code, again.err).toBe(0);
    await expectConverged(docker, name, ['app']);
    const [app] = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${name}`] } });
    const info = await docker.getContainer(app?.Id ?? '').inspect();
    expect(info.Config.Env).toContain('VERSION=2');
  }

  it('up again converges: no duplicate, no unlabelled container, everything running', async () => {
    const cwd = await temp.create(GATED_STACK);
    const name = temp.name;
    cli = startCli(['-p', name, 'up', '-d'], { cwd, env: testEnv() });
    await cli.waitFor(/ Container \S+ {2}Created\n/, 'err');
    cli.child.kill('SIGKILL');
    const killed = await cli.exited(10_000);
    expect(killed.signal).toBe('SIGKILL');
    // Killed before up got to web and worker: they are not running yet.
    const before = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${name}`, 'com.docker.compose.service=web'] } });
    expect(before).toEqual([]);

    const again = await runCliProcess(['-p', name, 'up', '-d', '--wait'], { cwd, env: testEnv() });
    expect(again.code, again.err).toBe(0);
    await expectConverged(docker, name, ['db', 'web', 'worker']);
  });

  it('killed between creating the replacement and renaming it, up again leaves no <id>_<name> container behind', async () => {
    const { cwd, name } = await killedWhileReplacing();
    const leftover = await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${name}`] } });
    expect(leftover.map((c) => c.Names[0]).some((n) => /^\/[0-9a-f]{12}_/.test(n ?? ''))).toBe(true);

    await expectUpConvergesToVersion2(cwd, name);
  });

  it('killed after the old container was removed, up again gives the replacement its name', async () => {
    const { cwd, name, oldId } = await killedWhileReplacing();
    // The state a kill leaves after the old container's removal and before the rename.
    await docker.getContainer(oldId).remove({ force: true });

    await expectUpConvergesToVersion2(cwd, name);
  });
});
