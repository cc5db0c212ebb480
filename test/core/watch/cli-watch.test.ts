import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { removeProjectResources, testDocker, testEnv, uniqueProjectName } from '../../support/engine';
import { bundleCli, removeBundledCli } from '../logs/cli-bundle';
import { runServiceContainer, shell, tempTree } from './watch-fixture';

let cli = '';

/** Collects a child's stdout and resolves waits on lines as they arrive. */
function lines(child: ChildProcess): (pattern: RegExp, timeoutMs?: number) => Promise<string> {
  let buffered = '';
  const listeners = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    for (const listener of listeners) listener();
  });
  return (pattern, timeoutMs = 30_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const line = buffered.split('\n').find((l) => pattern.test(l));
        if (line === undefined) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(line);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no line matching ${pattern} in: ${buffered}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
}

/** Resolves once `count` lines of stdout match `pattern`. */
function countLines(child: ChildProcess): (pattern: RegExp, count: number, timeoutMs?: number) => Promise<void> {
  let buffered = '';
  const listeners = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    for (const listener of listeners) listener();
  });
  return (pattern, count, timeoutMs = 30_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        if (buffered.split('\n').filter((l) => pattern.test(l)).length < count) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`fewer than ${count} lines matching ${pattern} in: ${buffered}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
}

describe('slipway watch', () => {
  let child: ChildProcess | undefined;
  let tree: ReturnType<typeof tempTree> | undefined;
  let project: string | undefined;

  beforeAll(async () => {
    cli = await bundleCli('watch');
  });

  afterAll(() => removeBundledCli(cli));

  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    if (project) await removeProjectResources(testDocker(), project);
    tree?.cleanup();
    child = undefined;
    tree = undefined;
    project = undefined;
  });

  it('prints "watching" once ready, then one line per reload, and stops on Ctrl+C', async () => {
    tree = tempTree();
    project = uniqueProjectName('cliwatch');
    mkdirSync(path.join(tree.dir, 'src'));
    writeFileSync(
      path.join(tree.dir, 'compose.yaml'),
      ['services:', '  web:', '    image: busybox:latest', '    develop:', '      watch:', '        - path: ./src', '          action: sync', '          target: /app', ''].join('\n'),
    );
    const container = await runServiceContainer(testDocker(), project, 'web');
    child = spawn(process.execPath, [cli, '-p', project, 'watch'], { cwd: tree.dir, env: testEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const waitLine = lines(child);
    expect(await waitLine(/watching/)).toMatch(/watching web: 1 path, ready in \d+ ms/);
    writeFileSync(path.join(tree.dir, 'src', 'index.html'), '<h1>hi</h1>');
    expect(await waitLine(/^web {2}synced 1 file in \d+(\.\d)? m?s$/)).toBeTruthy();
    expect(await shell(testDocker(), container.id, 'cat /app/index.html')).toBe('<h1>hi</h1>');
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
  });

  it('prints what a sync+exec command printed under the service, and its exit code when not 0', async () => {
    tree = tempTree();
    project = uniqueProjectName('cliexec');
    mkdirSync(path.join(tree.dir, 'src'));
    writeFileSync(
      path.join(tree.dir, 'compose.yaml'),
      [
        'services:',
        '  web:',
        '    image: busybox:latest',
        '    develop:',
        '      watch:',
        '        - path: ./src',
        '          action: sync+exec',
        '          target: /app',
        '          exec:',
        '            command: sh -c \'echo "reloading $(cat /app/a.txt)"; test "$(cat /app/a.txt)" != bad\'',
        '          x-initialSync: true',
        '',
      ].join('\n'),
    );
    await runServiceContainer(testDocker(), project, 'web');
    child = spawn(process.execPath, [cli, '-p', project, 'watch'], { cwd: tree.dir, env: testEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const waitLine = lines(child);
    await waitLine(/watching web/);
    writeFileSync(path.join(tree.dir, 'src', 'a.txt'), 'good');
    await waitLine(/^web {2}synced 1 file, ran the reload command/);
    await waitLine(/^web {2}reloading good$/);
    writeFileSync(path.join(tree.dir, 'src', 'a.txt'), 'bad');
    await waitLine(/^web {2}reloading bad$/);
    expect(await waitLine(/^web {2}sh -c .* exited with 1 in /)).toContain(`exited with 1 in ${project}-web-1`);
    // The old spelling of initial_sync, with Compose's warning.
    expect(stderr).toBe('warning: x-initialSync is DEPRECATED, please use the official `initial_sync` attribute\n');
  });

  it('up --watch brings the stack up, then watches it, streaming the logs', async () => {
    tree = tempTree();
    project = uniqueProjectName('cliupwatch');
    mkdirSync(path.join(tree.dir, 'conf'));
    writeFileSync(
      path.join(tree.dir, 'compose.yaml'),
      [
        'services:',
        '  worker:',
        '    image: busybox:latest',
        '    command: ["sh", "-c", "echo worker-started; exec sleep 3600"]',
        '    init: true',
        '    network_mode: none',
        '    stop_grace_period: 1s',
        '    develop:',
        '      watch:',
        '        - path: ./conf',
        '          action: sync+restart',
        '          target: /etc/worker',
        '',
      ].join('\n'),
    );
    child = spawn(process.execPath, [cli, '-p', project, 'up', '--watch'], { cwd: tree.dir, env: testEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr?.resume();
    const waitLine = lines(child);
    const waitLines = countLines(child);
    await waitLine(/watching worker/, 60_000);
    writeFileSync(path.join(tree.dir, 'conf', 'worker.ini'), 'threads=4');
    await waitLine(/^worker {2}synced 1 file, restarted in \d+(\.\d)? m?s$/);
    // Attached: the service's logs stream between the watch lines, before and after the restart.
    await waitLines(/^worker \| worker-started$/, 2);
    const [container] = await testDocker().listContainers({ filters: { label: [`com.docker.compose.project=${project}`] } });
    expect(await shell(testDocker(), container?.Id ?? '', 'cat /etc/worker/worker.ini')).toBe('threads=4');
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    // Ctrl+C stops what the attached up started, as Compose's attached up --watch.
    const [after] = await testDocker().listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
    expect(after?.State).toBe('exited');
  });

  it('watch brings the selected service and its dependencies up first, building its missing image, then watches', async () => {
    tree = tempTree();
    project = uniqueProjectName('cliwatchup');
    mkdirSync(path.join(tree.dir, 'src'));
    writeFileSync(path.join(tree.dir, 'Dockerfile'), 'FROM busybox:latest\nCMD ["sh", "-c", "echo web-started; exec sleep 3600"]\n');
    writeFileSync(
      path.join(tree.dir, 'compose.yaml'),
      [
        'services:',
        '  db:',
        '    image: busybox:latest',
        '    command: ["sh", "-c", "echo db-ready; exec sleep 3600"]',
        '    init: true',
        '    network_mode: none',
        '  web:',
        '    build: .',
        `    image: ${project}-web:dev`,
        '    init: true',
        '    network_mode: none',
        '    depends_on: [db]',
        '    develop:',
        '      watch:',
        '        - path: ./src',
        '          action: sync',
        '          target: /app',
        '',
      ].join('\n'),
    );
    child = spawn(process.execPath, [cli, '-p', project, 'watch', 'web'], { cwd: tree.dir, env: testEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr?.resume();
    let stdout = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    const output = () => stdout;
    const waitLine = lines(child);
    await waitLine(/watching web/, 120_000);
    // The selected service's logs (not its dependencies', as an attached `up web`), prefixed as `slipway logs` prefixes them.
    await waitLine(/^web \| web-started$/);
    const running = await testDocker().listContainers({ filters: { label: [`com.docker.compose.project=${project}`] } });
    expect(running.map((c) => c.Labels['com.docker.compose.service']).sort()).toEqual(['db', 'web']);
    writeFileSync(path.join(tree.dir, 'src', 'index.html'), 'up first');
    await waitLine(/^web {2}synced 1 file/);
    const web = running.find((c) => c.Labels['com.docker.compose.service'] === 'web');
    expect(await shell(testDocker(), web?.Id ?? '', 'cat /app/index.html')).toBe('up first');
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output()).not.toContain('db-ready');
    await testDocker().getImage(`${project}-web:dev`).remove({ force: true }).catch(() => undefined);
  });

  it('says what to do when no service has develop.watch', async () => {
    tree = tempTree();
    project = uniqueProjectName('clinowatch');
    writeFileSync(path.join(tree.dir, 'compose.yaml'), 'services:\n  web:\n    image: busybox:latest\n');
    child = spawn(process.execPath, [cli, '-p', project, 'watch'], { cwd: tree.dir, env: testEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child?.once('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(stderr).toMatch(/^slipway: Nothing to watch in project .*develop\.watch/);
    expect(stderr).toContain('Add a develop.watch section');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
