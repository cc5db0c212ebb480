import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../support/capture-cli';
import { tempProject } from './stack-fixtures';
import { testDocker, testEnv } from '../../support/engine';

const FILE = `services:
  web:
    image: busybox:latest
    init: true
    command: ["sh", "-c", "echo hello from $$(hostname); exec sleep 3600"]
    deploy:
      replicas: 2
`;

function cli(cwd: string, argv: string[]) {
  return runCliCaptured({ argv, env: testEnv(), cwd });
}

describe('the CLI with replicas: ps, logs, exec --index, up --scale, scale', () => {
  const temp = tempProject('replicacli');
  afterEach(async () => {
    await temp.cleanup();
  });

  const hostname = async (container: string) => (await testDocker().getContainer(container).inspect()).Config.Hostname;

  async function names(cwd: string): Promise<string[]> {
    const ps = await cli(cwd, ['-p', temp.name, 'ps', '--format', 'json']);
    return ps.out.trim().split('\n').filter(Boolean).map((line) => {
      const row = JSON.parse(line) as { Name: string; Service: string; State: string };
      return `${row.Name} ${row.Service} ${row.State}`;
    });
  }

  it('ps lists each replica, logs prefix each with service-N, exec --index runs in that replica', async () => {
    const cwd = await temp.create(FILE);
    const name = temp.name;
    expect((await cli(cwd, ['-p', name, 'up', '-d', '--wait'])).code).toBe(0);
    expect(await names(cwd)).toEqual([`${name}-web-1 web running`, `${name}-web-2 web running`]);
    const table = (await cli(cwd, ['-p', name, 'ps'])).out.split('\n');
    expect(table[0]).toMatch(/^NAME\s+SERVICE\s+STATUS\s+PORTS$/);
    expect(table.slice(1, 3)).toEqual([expect.stringMatching(new RegExp(`^${name}-web-1\\s+web\\s+running$`)), expect.stringMatching(new RegExp(`^${name}-web-2\\s+web\\s+running$`))]);

    const [one, two] = [await hostname(`${name}-web-1`), await hostname(`${name}-web-2`)];
    const logs = (await cli(cwd, ['-p', name, 'logs', '--no-color'])).out.split('\n').filter(Boolean).sort();
    expect(logs).toEqual([`web-1 | hello from ${one}`, `web-2 | hello from ${two}`]);

    const exec = await cli(cwd, ['-p', name, 'exec', '-T', '--index', '2', 'web', 'hostname']);
    expect(exec.code).toBe(0);
    expect(exec.out.trim()).toBe(two);
    expect((await cli(cwd, ['-p', name, 'exec', '-T', 'web', 'hostname'])).out.trim()).toBe(one);
    const missing = await cli(cwd, ['-p', name, 'exec', '-T', '--index', '5', 'web', 'hostname']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('service "web" has no container number 5 (it has 1, 2)');
  });

  it('up --scale removes the highest numbers, scale adds more numbered on, both as Compose reads SERVICE=N', async () => {
    const cwd = await temp.create(FILE);
    const name = temp.name;
    expect((await cli(cwd, ['-p', name, 'up', '-d', '--scale', 'web=3'])).code).toBe(0);
    expect(await names(cwd)).toEqual([1, 2, 3].map((n) => `${name}-web-${n} web running`));
    const first = await hostname(`${name}-web-1`);
    const down = await cli(cwd, ['-p', name, 'up', '-d', '--scale', 'web=1']);
    expect(down.code).toBe(0);
    expect(down.err).toContain(` Container ${name}-web-3  Removed`);
    expect(await names(cwd)).toEqual([`${name}-web-1 web running`]);
    expect(await hostname(`${name}-web-1`)).toBe(first);
    expect((await cli(cwd, ['-p', name, 'scale', 'web=2'])).code).toBe(0);
    expect(await names(cwd)).toEqual([`${name}-web-1 web running`, `${name}-web-2 web running`]);

    const bad = await cli(cwd, ['-p', name, 'up', '-d', '--scale', 'web']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('invalid scale "web", it should be SERVICE=NUM');
    const unknown = await cli(cwd, ['-p', name, 'scale', 'nope=2']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('No such service: "nope"');
  });

  it('--scale above 1 on a service with container_name is refused with what to change', async () => {
    const cwd = await temp.create(`services:\n  web:\n    image: busybox:latest\n    container_name: replicacli-fixed-${Date.now()}\n    command: ["sleep", "1"]\n`);
    const up = await cli(cwd, ['-p', temp.name, 'up', '-d', '--scale', 'web=2']);
    expect(up.code).toBe(1);
    expect(up.err).toContain('The "web" service is using the custom container name');
    expect(up.err).toContain('Remove container_name from web to scale it');
    expect(await names(cwd)).toEqual([]);
  });
});
