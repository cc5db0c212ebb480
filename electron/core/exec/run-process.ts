import { Duplex, PassThrough } from 'node:stream';
import { SlipwayError } from '../../../shared/errors';
import type Docker from 'dockerode';
import { engineGone, processOverSocket, type ExecProcess } from './exec-process';

export interface AttachOptions {
  tty: boolean;
  cols?: number;
  rows?: number;
}

/**
 * A created container attached and then started, as `docker start -a -i` (and Compose's
 * `run`) does: stdin in, output out, its exit code from the engine's wait (asked before the
 * start, so a command that ends at once is not missed; `removed` for an auto-removed one).
 */
export async function attachAndStart(docker: Docker, id: string, options: AttachOptions): Promise<ExecProcess> {
  const container = docker.getContainer(id);
  const info = await container.inspect();
  const autoRemove = info.HostConfig.AutoRemove === true;
  const socket: unknown = await container.attach({ stream: true, stdin: info.Config.OpenStdin, stdout: true, stderr: true, hijack: true });
  if (!(socket instanceof Duplex)) throw new SlipwayError('internal', `Attaching to ${info.Name} gave no two-way stream`);
  const waited: Promise<number | undefined> = container.wait({ condition: autoRemove ? 'removed' : 'next-exit' })
    .then((r: { StatusCode?: number }) => r.StatusCode ?? 1, (error: unknown) => (engineGone(error) ? undefined : 1));
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  if (options.tty) socket.pipe(stdout);
  else docker.modem.demuxStream(socket, stdout, stderr);
  await container.start();
  const resize = async (cols: number, rows: number) => {
    if (!options.tty) return;
    await container.resize({ w: cols, h: rows }).catch(() => undefined);
  };
  if (options.tty && options.cols && options.rows) await resize(options.cols, options.rows);
  const streamsEnded = new Promise<void>((resolve) => {
    socket.on('end', () => resolve());
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
  });
  const exitCode = waited.then(async (code) => {
    await streamsEnded;
    if (!options.tty) socket.unpipe?.();
    stdout.end();
    stderr.end();
    return code;
  });
  return processOverSocket(socket, { stdout, stderr, resize, exitCode });
}
