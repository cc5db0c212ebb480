import { PassThrough, type Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { SlipwayError } from '../../../shared/errors';
import { listProjectContainers } from '../state/container-list';
import { errnoCode, statusCode } from '../thrown';

export interface ExecOptions {
  projectId: string;
  service: string;
  command: string[];
  tty: boolean;
  cols?: number;
  rows?: number;
  user?: string;
  workdir?: string;
  env?: Record<string, string>;
  /** Container number of a scaled service (default 1). */
  index?: number;
  privileged?: boolean;
  /** Start it and return at once (`exec -d`): no streams, the exit code is not waited for. */
  detach?: boolean;
}

/**
 * A command running in a service's container: stdin in, stdout and stderr out (one raw
 * stream when it has a TTY), a resize for the TTY, and the exit code when it ends.
 */
export interface ExecProcess {
  stdout: PassThrough;
  stderr: PassThrough;
  write(data: string | Buffer): void;
  /** No more input (the command sees end of file). */
  endInput(): void;
  resize(cols: number, rows: number): Promise<void>;
  /** Closes the connection (a TTY command gets SIGHUP). */
  kill(): void;
  /** The command's exit code once it ends; undefined when the engine could not say (it went away). */
  exitCode: Promise<number | undefined>;
}

/** The running container of `service` with the given number, or a clear error. */
async function serviceContainer(docker: Docker, projectId: string, service: string, index = 1): Promise<{ id: string; name: string }> {
  const containers = await listProjectContainers(docker, projectId, [service]);
  if (containers.length === 0) throw new SlipwayError('service_not_found', `service "${service}" has no container in project ${projectId}`, `Start it first: slipway up ${service}`);
  const container = containers.find((c) => c.number === index);
  if (!container) throw new SlipwayError('service_index', `service "${service}" has no container number ${index} (it has ${containers.map((c) => c.number).join(', ')})`, 'Pick one of those with --index.');
  if (container.state !== 'running') throw new SlipwayError('service_not_running', `service "${service}" is not running (container ${container.name} is ${container.state})`, `Start it first: slipway up ${service}`);
  return { id: container.id, name: container.name };
}

export async function startExec(docker: Docker, options: ExecOptions): Promise<ExecProcess> {
  const container = await serviceContainer(docker, options.projectId, options.service, options.index);
  const exec = await docker.getContainer(container.id).exec({
    Cmd: options.command,
    AttachStdin: !options.detach,
    AttachStdout: !options.detach,
    AttachStderr: !options.detach,
    Tty: options.tty,
    ...(options.user ? { User: options.user } : {}),
    ...(options.workdir ? { WorkingDir: options.workdir } : {}),
    ...(options.privileged ? { Privileged: true } : {}),
    Env: Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`),
  });
  if (options.detach) {
    const response = (await exec.start({ Detach: true, Tty: options.tty })) as { destroy?: () => void } | undefined;
    response?.destroy?.();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    stdout.end();
    stderr.end();
    return { stdout, stderr, write: () => undefined, endInput: () => undefined, resize: async () => undefined, kill: () => undefined, exitCode: Promise.resolve(0) };
  }
  const socket = (await exec.start({ hijack: true, stdin: true, Tty: options.tty })) as Duplex;
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  if (options.tty) socket.pipe(stdout);
  else docker.modem.demuxStream(socket, stdout, stderr);
  const resize = async (cols: number, rows: number) => {
    if (!options.tty) return;
    await exec.resize({ w: cols, h: rows }).catch(() => undefined);
  };
  if (options.tty && options.cols && options.rows) await resize(options.cols, options.rows);
  const exitCode = new Promise<number | undefined>((resolve) => {
    let settled = false;
    const done = async () => {
      if (settled) return;
      settled = true;
      if (!options.tty) socket.unpipe?.();
      stdout.end();
      stderr.end();
      resolve(await exitCodeOf(exec));
    };
    socket.on('end', () => void done());
    socket.on('close', () => void done());
    socket.on('error', () => void done());
  });
  return processOverSocket(socket, { stdout, stderr, resize, exitCode });
}

/** A failed request that did not reach the engine (a socket error, not the engine's answer, such as 404 for a removed container). */
export function engineGone(error: unknown): boolean {
  return errnoCode(error) !== undefined && statusCode(error) === undefined;
}

/** A process whose input is a hijacked engine socket: writes and end of input go to it, kill destroys it. */
export function processOverSocket(socket: Duplex, parts: Pick<ExecProcess, 'stdout' | 'stderr' | 'resize' | 'exitCode'>): ExecProcess {
  return {
    ...parts,
    write: (data) => {
      if (!socket.destroyed) socket.write(data);
    },
    endInput: () => {
      if (!socket.destroyed) socket.end();
    },
    kill: () => socket.destroy(),
  };
}

/** Docker records the exit code a moment after the stream closes; ask a few times (undefined: the engine does not answer). */
async function exitCodeOf(exec: Docker.Exec): Promise<number | undefined> {
  for (let attempt = 0; attempt < 20; attempt++) {
    let info: Docker.ExecInspectInfo;
    try {
      info = await exec.inspect();
    } catch (error) {
      return engineGone(error) ? undefined : 1;
    }
    if (!info.Running && typeof info.ExitCode === 'number') return info.ExitCode;
    await new Promise((resolve) => setTimeout(resolve, 25 * (attempt + 1)));
  }
  return 1;
}
