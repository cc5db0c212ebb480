import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopOwnedProcess } from '../../support/processes';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface ServeProcess {
  url: string;
  origin: string;
  port: number;
  token: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Runs the built `slipway serve --no-open --port 0` and reads the link it prints. */
export async function startServeProcess(options: { cwd: string; env: Record<string, string | undefined>; args?: string[] }): Promise<ServeProcess> {
  const child = spawn(process.execPath, [path.join(repo, 'bin', 'slipway.cjs'), ...(options.args ?? []), 'serve', '--no-open', '--port', '0'], {
    cwd: options.cwd,
    env: options.env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`slipway serve printed no link in 30 s:\n${output}`)), 30_000);
    const check = () => {
      const m = output.match(/http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`slipway serve exited with ${code}:\n${output}`));
    });
  });
  const port = Number(match[1]);
  return {
    url: match[0],
    origin: `http://127.0.0.1:${port}`,
    port,
    token: match[2] ?? '',
    child,
    output: () => output,
    stop: () => stopOwnedProcess(child, 5000),
  };
}
