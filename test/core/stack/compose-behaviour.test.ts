import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pack } from 'tar-stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../support/capture-cli';
import { tempProject } from './stack-fixtures';
import { probablyFreePort } from '../../support/processes';
import { testDocker, testEnv, uniqueProjectName } from '../../support/engine';

/** Behaviours Compose users rely on, each as Compose's own tests pin it down, through the CLI. */
describe('behave as Compose', () => {
  const temp = tempProject('behave');
  let name = '';
  const images: string[] = [];
  afterEach(async () => {
    await temp.cleanup();
    await Promise.all(images.splice(0).map((t) => testDocker().getImage(t).remove({ force: true }).catch(() => undefined)));
  });

  async function project(file: string, files: Record<string, string> = {}): Promise<string> {
    const cwd = await temp.create(file, files);
    name = temp.name;
    return cwd;
  }

  function cli(cwd: string, argv: string[]) {
    return runCliCaptured({ argv: ['-p', name, ...argv], env: testEnv(), cwd });
  }

  async function services(): Promise<string[]> {
    const list = await testDocker().listContainers({ all: true, filters: { label: [`com.docker.compose.project=${name}`] } });
    return list.map((c) => c.Labels['com.docker.compose.service'] ?? '').sort();
  }

  const sleeper = (extra = '') => `    image: busybox:latest
    init: true
    command: ["sleep", "3600"]
    stop_grace_period: 1s
${extra}`;

  it('a service named on the command line is enabled although its profile is not active (up, stop, start, restart)', async () => {
    const cwd = await project(`services:
  web:
${sleeper()}
  debug:
${sleeper('    profiles: [tools]\n')}`);
    const up = await cli(cwd, ['up', '-d', 'debug']);
    expect(up.err).not.toContain('slipway:');
    expect(up.code).toBe(0);
    expect(await services()).toEqual(['debug']);
    expect((await cli(cwd, ['stop', 'debug'])).code).toBe(0);
    expect((await cli(cwd, ['start', 'debug'])).code).toBe(0);
    expect((await cli(cwd, ['restart', 'debug'])).code).toBe(0);
    const ps = await cli(cwd, ['ps', '--format', 'json']);
    expect(ps.out.trim().split('\n').map((l) => (JSON.parse(l) as { Service: string; State: string }).State)).toEqual(['running']);
    // Without naming it, the profile stays off: a plain up starts only web.
    expect((await cli(cwd, ['up', '-d'])).code).toBe(0);
    expect(await services()).toEqual(['debug', 'web']);
  });

  it('a variable listed without a value and not set anywhere is removed from the container, not kept from the image', async () => {
    const tag = `${uniqueProjectName('envimg')}:dev`;
    images.push(tag);
    const tar = pack();
    tar.entry({ name: 'Dockerfile' }, 'FROM busybox:latest\nENV GREETING=from-image KEEP=from-image\n');
    tar.finalize();
    const docker = testDocker();
    const stream = await docker.buildImage(Readable.from(tar), { t: tag });
    await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (error: Error | null) => (error ? reject(error) : resolve())));
    const cwd = await project(`services:
  app:
    image: ${tag}
    init: true
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    environment: [GREETING, KEEP]
`, { '.env': 'KEEP=from-dotenv\n' });
    expect((await cli(cwd, ['up', '-d'])).code).toBe(0);
    const [container] = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${name}`] } });
    const env = (await docker.getContainer(container?.Id ?? '').inspect()).Config.Env;
    expect(env.filter((e) => e.startsWith('GREETING='))).toEqual([]);
    expect(env).toContain('KEEP=from-dotenv');
    // A second up sees nothing to change.
    const again = await cli(cwd, ['up', '-d']);
    expect(again.err).not.toContain('Recreate');
  });

  it('ps: running containers only unless -a, by name, Project in --format json, ports in a fixed order, unknown service refused', async () => {
    // Published by Docker, which cannot take a socket from us: probed ports.
    const [p1, p2, p3] = [await probablyFreePort(), await probablyFreePort(), await probablyFreePort()];
    const cwd = await project(`services:
  web:
${sleeper(`    ports: ["127.0.0.1:${p3}:82", "127.0.0.1:${p1}:80", "127.0.0.1:${p2}:81"]\n    depends_on: { job: { condition: service_completed_successfully } }\n`)}
  job:
    image: busybox:latest
    command: ["true"]
`);
    expect((await cli(cwd, ['up', '-d', '--wait'])).code).toBe(0);
    const running = await cli(cwd, ['ps', '--format', 'json']);
    const rows = running.out.trim().split('\n').map((l) => JSON.parse(l) as { Name: string; Project: string; Service: string; State: string; Publishers: { TargetPort: number; PublishedPort: number }[] });
    expect(rows.map((r) => r.Service)).toEqual(['web']);
    expect(rows[0]?.Project).toBe(name);
    expect(rows[0]?.Publishers.map((p) => `${p.PublishedPort}->${p.TargetPort}`)).toEqual([`${p1}->80`, `${p2}->81`, `${p3}->82`]);
    const all = await cli(cwd, ['ps', '-a', '--format', 'json']);
    expect(all.out.trim().split('\n').map((l) => (JSON.parse(l) as { Name: string }).Name)).toEqual([`${name}-job-1`, `${name}-web-1`]);
    expect((await cli(cwd, ['ps', '-q'])).out.trim().split('\n')).toHaveLength(1);
    const table = await cli(cwd, ['ps']);
    expect(table.out).toContain(`127.0.0.1:${p1}->80/tcp, 127.0.0.1:${p2}->81/tcp, 127.0.0.1:${p3}->82/tcp`);
    const unknown = await cli(cwd, ['ps', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('slipway: no such service: nope');
  });

  it('two services with one container_name: either runs alone; only creating both is refused', async () => {
    const cwd = await project(`services:
  api:
${sleeper('    container_name: ${PROJECT_CONTAINER}\n')}
  worker:
${sleeper('    container_name: ${PROJECT_CONTAINER}\n')}`);
    await writeFile(path.join(cwd, '.env'), `PROJECT_CONTAINER=${name}-backend\n`);
    const alone = await cli(cwd, ['up', '-d', 'api']);
    expect(alone.code).toBe(0);
    expect(await services()).toEqual(['api']);
    const both = await cli(cwd, ['up', '-d']);
    expect(both.code).toBe(1);
    const line = (await readFile(path.join(cwd, 'compose.yaml'), 'utf8')).split('\n').findLastIndex((l) => l.includes('container_name')) + 1;
    expect(both.err).toContain(`compose.yaml:${line}:5: services.worker: container name "${name}-backend" is already used by service "api"`);
    expect(await services()).toEqual(['api']);
  });

  it('a missing external network stops up before anything of the project is made', async () => {
    const cwd = await project(`services:
  web:
${sleeper('    networks: [front, shared]\n')}networks:
  front: {}
  shared:
    external: true
    name: \${SHARED_NET}
`);
    await writeFile(path.join(cwd, '.env'), `SHARED_NET=${name}-nowhere\n`);
    const up = await cli(cwd, ['up', '-d']);
    expect(up.code).toBe(1);
    expect(up.err).toContain(`Network ${name}-nowhere is declared as external, but it does not exist`);
    expect(await testDocker().listNetworks({ filters: { label: [`com.docker.compose.project=${name}`] } })).toEqual([]);
    expect(await services()).toEqual([]);
  });

  it('a dependency that crashes is named as crashed, with its exit code, not as lacking a healthcheck', async () => {
    const cwd = await project(`services:
  db:
    image: busybox:latest
    command: ["sh", "-c", "echo cannot open data dir >&2; exit 3"]
  web:
${sleeper('    depends_on: { db: { condition: service_healthy } }\n')}`);
    const up = await cli(cwd, ['up', '-d']);
    expect(up.code).toBe(1);
    expect(up.err).toContain('slipway: Service db exited with code 3');
    expect(up.err).not.toContain('has no healthcheck');
    expect(up.err).toContain('cannot open data dir');
  });
});
