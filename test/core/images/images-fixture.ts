import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import type { CallInput, TaskCallName } from '../../../shared/contract';
import type { TaskProgress } from '../../../shared/contract/tasks';
import { toErrorInfo, type ErrorInfo } from '../../../shared/errors';
import { testEnv } from '../../support/engine';

/** A folder with files, removed by cleanup(). */
export function tempProject(files: Record<string, string>): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'swimg-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' }).trim();
}

export function gitInitCommit(dir: string): string {
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'first');
  return git(dir, 'rev-parse', '--short', 'HEAD');
}

export interface TaskRun {
  /** How the task ended, as its task.done says. */
  done: { ok: boolean; result?: unknown; error?: ErrorInfo };
  progress: TaskProgress[];
}

/** Runs a task through the contract client (client.runTask), collecting its progress events. */
export async function runTask<N extends TaskCallName>(core: SlipwayCore, name: N, input: CallInput<N>, onProgress?: (p: TaskProgress, taskId: string) => void): Promise<TaskRun> {
  const progress: TaskProgress[] = [];
  const collect = (p: TaskProgress) => {
    progress.push(p);
    onProgress?.(p, p.taskId);
  };
  try {
    const result = await core.client().runTask(name, input, collect);
    return { done: { ok: true, result }, progress };
  } catch (error) {
    return { done: { ok: false, error: toErrorInfo(error) }, progress };
  }
}

/** Runs a command in an image and returns its output. */
export async function runInImage(docker: Docker, image: string, cmd: string[]): Promise<string> {
  const container = await docker.createContainer({ Image: image, Cmd: cmd, HostConfig: { NetworkMode: 'none' } });
  try {
    await container.start();
    await container.wait();
    const logs = await container.logs({ stdout: true, stderr: true });
    return demux(logs);
  } finally {
    await container.remove({ force: true });
  }
}

function demux(buffer: Buffer): string {
  let out = '';
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    out += buffer.subarray(offset + 8, offset + 8 + size).toString('utf8');
    offset += 8 + size;
  }
  return out;
}

export async function removeImages(docker: Docker, names: string[]): Promise<void> {
  for (const name of names) await docker.getImage(name).remove({ force: true }).catch(() => undefined);
}

/** Removes every local tag of these repositories (e.g. commit tags made along the way). */
export async function removeRepositories(docker: Docker, repositories: string[]): Promise<void> {
  const images = await docker.listImages({ filters: { reference: repositories } });
  const tags = images.flatMap((i) => i.RepoTags ?? []).filter((t) => repositories.some((r) => t.startsWith(`${r}:`)));
  await removeImages(docker, tags);
}

/**
 * An image only the test registry has: the stand-in with one file of its own (so a pull
 * downloads a layer), pushed as `repository:tag` with the registry's login, then removed here.
 */
export async function pushPrivateImage(docker: Docker, registry: { address: string; username: string; password: string }, repository: string, tag: string): Promise<void> {
  const container = await docker.createContainer({ Image: 'busybox:latest', Cmd: ['sh', '-c', `echo ${repository} > /private.txt`], HostConfig: { NetworkMode: 'none' } });
  try {
    await container.start();
    await container.wait();
    await container.commit({ repo: repository, tag });
  } finally {
    await container.remove({ force: true });
  }
  const stream = await docker.getImage(repository).push({ tag, authconfig: { username: registry.username, password: registry.password, serveraddress: registry.address } });
  const messages: Array<{ error?: string }> = await new Promise((resolve, reject) => docker.modem.followProgress(stream, (error: Error | null, output: Array<{ error?: string }>) => (error ? reject(error) : resolve(output))));
  const failed = messages.find((m) => m.error !== undefined);
  if (failed) throw new Error(`push of ${repository}:${tag} failed: ${failed.error}`);
  await removeImages(docker, [`${repository}:${tag}`]);
}

/** Pulls an image from the test registry with its login, as a test's starting point. */
export async function pullWithLogin(docker: Docker, registry: { address: string; username: string; password: string }, ref: string): Promise<void> {
  const stream = await docker.pull(ref, { authconfig: { username: registry.username, password: registry.password, serveraddress: registry.address } });
  await new Promise((resolve, reject) => docker.modem.followProgress(stream, (error: Error | null, output: unknown) => (error ? reject(error) : resolve(output))));
}

/**
 * Cores that find registry logins in the project's own Docker client config
 * (`DIR/.docker-config/config.json`, as `docker login` writes it), each opened on the project.
 */
export function dockerConfigCores(projectDir: string) {
  const configDir = path.join(projectDir, '.docker-config');
  const cores: SlipwayCore[] = [];
  /** A core made elsewhere, disposed with the others. */
  const track = (core: SlipwayCore): SlipwayCore => {
    cores.push(core);
    return core;
  };
  return {
    configDir,
    track,
    writeConfig(config: unknown): void {
      mkdirSync(configDir, { recursive: true });
      writeFileSync(path.join(configDir, 'config.json'), JSON.stringify(config));
    },
    async coreWith(extra: Record<string, string> = {}): Promise<SlipwayCore> {
      const core = track(new SlipwayCore({ env: testEnv({ DOCKER_CONFIG: configDir, ...extra }) }));
      await core.projects.openProject({ cwd: projectDir });
      return core;
    },
    async disposeAll(): Promise<void> {
      await Promise.all(cores.splice(0).map((c) => c.dispose()));
    },
  };
}
