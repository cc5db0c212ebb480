import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';

export interface ExecOptions {
  command: string[];
  user?: string;
  workingDir?: string;
  /** KEY=VALUE entries. */
  env?: string[];
  privileged?: boolean;
}

export interface ExecResult {
  exitCode: number;
  /** The last few KB of stdout and stderr together. */
  output: string;
}

const OUTPUT_LIMIT = 4096;

/** Runs a command in a running container and waits for it to finish. */
export async function execInContainer(docker: Docker, containerId: string, options: ExecOptions): Promise<ExecResult> {
  const exec = await docker.getContainer(containerId).exec({
    Cmd: options.command,
    AttachStdout: true,
    AttachStderr: true,
    ...(options.user ? { User: options.user } : {}),
    ...(options.workingDir ? { WorkingDir: options.workingDir } : {}),
    ...(options.env && options.env.length > 0 ? { Env: options.env } : {}),
    ...(options.privileged ? { Privileged: true } : {}),
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  let output = '';
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  });
  docker.modem.demuxStream(stream, sink, sink);
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  const info = await exec.inspect();
  return { exitCode: info.ExitCode ?? -1, output: output.trim() };
}

/** Environment as Docker's exec wants it: KEY=VALUE, a null value meaning "unset" is dropped. */
export function envList(environment: Record<string, string | null> | undefined): string[] {
  return Object.entries(environment ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([key, value]) => `${key}=${value}`);
}
