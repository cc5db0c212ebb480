import { PassThrough } from 'node:stream';
import { runCli } from '../../electron/cli/run-cli';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the `slipway` command in process and keeps what it wrote on stdout and stderr. */
export async function runCliCaptured(options: { argv: string[]; env: Record<string, string | undefined>; cwd: string }): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await runCli({ ...options, stdout, stderr });
  return { code, out, err };
}
