import { PassThrough } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type Docker from 'dockerode';
import { toErrorInfo } from '../../../shared/errors';
import type { CopyContainer } from './copy-container';
import { putInto } from './copy';
import type { ExecProcess } from './exec-process';

/**
 * A tar going through a session as an exec's output or input does (so the CLI's session
 * runner streams it): exit code 0 when the copy is done, 1 with the reason on stderr.
 */
function archiveProcess(run: (input: PassThrough, output: PassThrough) => Promise<void>): ExecProcess {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const input = new PassThrough();
  const exitCode = run(input, stdout).then(
    () => 0,
    (error: unknown) => {
      stderr.write(`slipway: ${toErrorInfo(error).message}\n`);
      return 1;
    },
  );
  return {
    stdout,
    stderr,
    write: (data) => void input.write(data),
    endInput: () => void input.end(),
    resize: async () => undefined,
    kill: () => {
      input.destroy();
      stdout.destroy();
    },
    exitCode,
  };
}

/** `cp SERVICE:SRC -`: the container's tar on the session's stdout. */
export function archiveOutProcess(archive: NodeJS.ReadableStream): ExecProcess {
  return archiveProcess(async (input, output) => {
    input.resume();
    await pipeline(archive, output);
    await finished(output);
  });
}

/** `cp - SERVICE:DEST`: the tar read from the session's stdin unpacked into each target folder. */
export function archiveInProcess(docker: Docker, targets: { container: CopyContainer; dir: string }[], keepOwners: boolean): ExecProcess {
  return archiveProcess(async (input, output) => {
    output.end();
    const copies = targets.map(() => new PassThrough());
    input.on('data', (chunk: Buffer) => {
      for (const copy of copies) copy.write(chunk);
    });
    input.on('end', () => {
      for (const copy of copies) copy.end();
    });
    await Promise.all(targets.map((t, i) => putInto(docker, t.container, t.dir, copies[i] ?? new PassThrough(), keepOwners)));
  });
}
