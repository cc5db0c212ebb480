import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { runCli } from '../../../electron/cli/run-cli';
import { removeProjectResources, testDocker, testEnv, testRegistry, uniqueProjectName } from '../../support/engine';
import { gitInitCommit, removeRepositories, runInImage, tempProject } from './images-fixture';

function sink(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      stream.text += chunk.toString('utf8');
      callback();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

/** The container's output from the start, followed until it contains `text`. */
async function outputUntil(container: ReturnType<ReturnType<typeof testDocker>['getContainer']>, text: string): Promise<string> {
  const stream = await container.logs({ stdout: true, stderr: true, follow: true });
  let seen = '';
  return new Promise((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (!seen.includes(text)) return;
      // dockerode types it as a NodeJS.ReadableStream; it is a socket that can be closed.
      if ('destroy' in stream && typeof stream.destroy === 'function') stream.destroy();
      resolve(seen);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(seen));
  });
}

describe('slipway build / push / up --build', () => {
  const docker = testDocker();
  const registry = testRegistry();
  const name = uniqueProjectName('imgcli');
  const repository = `${registry.address}/${name}/web`;
  const project = tempProject({
    'compose.yaml': `name: ${name}
services:
  web:
    image: ${repository}:dev
    build:
      context: .
      network: none
      args:
        MESSAGE: from-cli
    command: ["sh", "-c", "cat /message && exec sleep 300"]
    init: true
    network_mode: none
`,
    Dockerfile: 'FROM busybox:latest\nARG MESSAGE\nCOPY . /app\nRUN echo "$MESSAGE" > /message\n',
    '.dockerignore': 'node_modules\n.docker-config\n',
    'index.js': 'console.log("app")\n',
  });
  const configDir = path.join(project.dir, '.docker-config');
  let commit = '';

  async function cliWith(env: Record<string, string>, ...argv: string[]) {
    const stdout = sink();
    const stderr = sink();
    const code = await runCli({ argv, env: testEnv({ DOCKER_CONFIG: configDir, ...env }), cwd: project.dir, stdout, stderr });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  const cli = (...argv: string[]) => cliWith({}, ...argv);

  function login(password: string): void {
    mkdirSync(configDir, { recursive: true });
    writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ auths: { [registry.address]: { auth: Buffer.from(`${registry.username}:${password}`).toString('base64') } } }));
  }

  beforeAll(() => {
    // 20 MB of dependencies that .dockerignore keeps out of the image.
    for (let i = 0; i < 20; i++) {
      mkdirSync(path.join(project.dir, 'node_modules', `dep${i}`), { recursive: true });
      writeFileSync(path.join(project.dir, 'node_modules', `dep${i}`, 'index.js'), Buffer.alloc(1024 * 1024, 'x'));
    }
    writeFileSync(path.join(project.dir, '.gitignore'), '.docker-config/\nnode_modules/\n');
    commit = gitInitCommit(project.dir);
  });

  afterAll(async () => {
    await removeProjectResources(docker, name);
    await removeRepositories(docker, [repository]);
    project.cleanup();
  });

  it('builds with BuildKit, one line per step as docker prints them on stderr, and the tags on stdout', async () => {
    const result = await cli('build', '--no-cache');
    expect(result.stderr).toContain('[web] building with BuildKit\n');
    expect(result.stderr).toMatch(/\[web\] #(\d+) \[(stage-0 )?3\/3\] RUN echo "from-cli" > \/message\n(.*\n)*\[web\] #\1 DONE \d+\.\d+s\n/);
    expect(result.stderr).toMatch(/\[web\] built [0-9a-f]{12} with BuildKit \(\d\/3 steps cached/);
    expect(result.stderr).toMatch(/context \d+(\.\d)? KiB\)/);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Built web: ${repository}:dev ${repository}:${commit}\n`);
    const inside = await runInImage(docker, `${repository}:${commit}`, ['sh', '-c', 'ls -a /app; cat /message']);
    expect(inside).toContain('index.js');
    expect(inside).not.toContain('node_modules');
    expect(inside).toContain('from-cli');
  });

  it('says when the classic builder runs (DOCKER_BUILDKIT=0)', async () => {
    const result = await cliWith({ DOCKER_BUILDKIT: '0' }, 'build');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('[web] building with the classic builder (DOCKER_BUILDKIT=0)\n');
    expect(result.stderr).toContain('[web] Step 1/4 : FROM busybox:latest\n');
  });

  it('refuses a wrong password in one line without a stack trace, then pushes with the right one', async () => {
    login('wrong');
    const refused = await cli('push');
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n').at(-1)).toBe(`slipway: authentication required for ${registry.address} — run docker login ${registry.address}`);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    login(registry.password);
    const pushed = await cli('push', 'web');
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toMatch(new RegExp(`^Pushed ${repository.replace(/[.]/g, '\\.')}:dev sha256:[0-9a-f]{64}\\nPushed .*:${commit} sha256:`));
    expect(pushed.stdout + pushed.stderr).not.toContain(registry.password);
    const auth = Buffer.from(`${registry.username}:${registry.password}`).toString('base64');
    const listed = await fetch(`http://${registry.address}/v2/${name}/web/tags/list`, { headers: { Authorization: `Basic ${auth}` } });
    expect(((await listed.json()) as { tags: string[] }).tags.sort()).toEqual([commit, 'dev'].sort());
  });

  it('names a service without build: when asked to build it', async () => {
    const result = await cli('build', 'nope');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('slipway: no such service: nope');
  });

  it('up --build builds first, then starts the service from the new image', async () => {
    writeFileSync(path.join(project.dir, 'Dockerfile'), 'FROM busybox:latest\nARG MESSAGE\nCOPY . /app\nRUN echo "rebuilt-$MESSAGE" > /message\n');
    const result = await cli('up', '--build', '-d');
    expect(result.stderr).toMatch(/\[web\] #\d+ \[(stage-0 )?3\/3\] RUN echo "rebuilt-from-cli" > \/message\n/);
    expect(result.code).toBe(0);
    const [container] = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${name}`] } });
    expect(container).toBeDefined();
    // Started is not printed yet: follow its output until the line comes (the test's timeout bounds it).
    expect(await outputUntil(docker.getContainer(container!.Id), 'rebuilt-')).toContain('rebuilt-from-cli');
  });
});
