import type { SlipwayClient } from '../../shared/client';
import type { EventPayload } from '../../shared/contract';
import type { ExecStartInput } from '../../shared/contract/exec';

type ExecOutput = EventPayload<'exec.output'>;
type ExecExit = EventPayload<'exec.exit'>;

export interface ExecIo {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** The terminal's size after it changed (a TTY session); undefined while it has none. */
  size?: () => { cols: number; rows: number } | undefined;
}

/**
 * An exec session through the contract: stdin goes in as it is read (base64, bytes as they
 * are) and is closed at its end; output is written to stdout and stderr as it comes; the
 * command's exit code is the answer. With a TTY the terminal is raw and follows resizes.
 */
export function runExecSession(client: SlipwayClient, input: ExecStartInput, io: ExecIo): Promise<number> {
  return runSession(client, async () => (await client.call('exec.start', { ...input, encoding: 'base64' })).sessionId, { tty: input.tty === true, detach: input.detach === true }, io);
}

/**
 * A session through the contract whose start is `start` (exec.start, stack.runStart): stdin
 * in, output out, the exit code as the answer, as runExecSession describes.
 */
export async function runSession(client: SlipwayClient, start: () => Promise<string>, mode: { tty: boolean; detach?: boolean; noInput?: boolean }, io: ExecIo): Promise<number> {
  let sessionId: string | undefined;
  // Events that came before the answer named the session.
  const early: Array<ExecOutput | ExecExit> = [];
  let exited!: (code: number) => void;
  const exitCode = new Promise<number>((resolve) => (exited = resolve));
  const write = (event: ExecOutput) => {
    (event.stream === 'stderr' ? io.stderr : io.stdout).write(Buffer.from(event.data, 'base64'));
  };
  const offOutput = client.on('exec.output', (event) => {
    if (sessionId === undefined) early.push(event);
    else if (event.sessionId === sessionId) write(event);
  });
  const ended = (event: ExecExit) => {
    if (event.error) io.stderr.write(`slipway: ${event.error.message}\n${event.error.hint ? `${event.error.hint}\n` : ''}`);
    exited(event.exitCode);
  };
  const offExit = client.on('exec.exit', (event) => {
    if (sessionId === undefined) early.push(event);
    else if (event.sessionId === sessionId) ended(event);
  });
  const { stdin } = io;
  const tty = mode.tty;
  const onInput = (chunk: Buffer) => void client.call('exec.input', { sessionId: sessionId ?? '', data: chunk.toString('base64') }).catch(() => undefined);
  const onEnd = () => void client.call('exec.input', { sessionId: sessionId ?? '', data: '', end: true }).catch(() => undefined);
  const onResize = () => {
    const size = io.size?.();
    if (size) void client.call('exec.resize', { sessionId: sessionId ?? '', ...size }).catch(() => undefined);
  };
  let listening = false;
  try {
    sessionId = await start();
    for (const event of early.splice(0)) {
      if (event.sessionId !== sessionId) continue;
      if ('exitCode' in event) ended(event);
      else write(event);
    }
    if (mode.detach === true) return 0;
    // A session that reads nothing (`cp SERVICE:SRC -`) leaves stdin alone.
    if (mode.noInput === true) return await exitCode;
    if (tty) {
      stdin.setRawMode(true);
      process.on('SIGWINCH', onResize);
    }
    stdin.on('data', onInput);
    stdin.on('end', onEnd);
    // stdin going away (a closed terminal: EIO) is the same as its end.
    stdin.on('error', onEnd);
    stdin.resume();
    listening = true;
    return await exitCode;
  } finally {
    offOutput();
    offExit();
    if (listening) {
      stdin.off('data', onInput);
      stdin.off('end', onEnd);
      stdin.off('error', onEnd);
      stdin.pause();
      if (tty) {
        stdin.setRawMode(false);
        process.off('SIGWINCH', onResize);
      }
    }
  }
}
