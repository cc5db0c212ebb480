import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built `slipway` command (`npm run build` makes what it runs). */
export const SLIPWAY_BIN = path.join(repo, 'bin', 'slipway.cjs');

export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

export interface CliProcess {
  child: ChildProcess;
  out(): string;
  err(): string;
  /** Resolves once stdout or stderr (as chosen) matches; fails at once if the process exits first. */
  waitFor(pattern: RegExp, where?: 'out' | 'err', timeoutMs?: number): Promise<void>;
  /** Resolves when the process has exited; fails if it has not within `withinMs`. */
  exited(withinMs?: number): Promise<CliExit>;
}

/** Runs the built CLI as its own process, keeping what it writes, so a test can signal it. */
export function startCli(args: string[], options: { cwd: string; env: Record<string, string | undefined>; stdin?: 'pipe' | 'ignore' }): CliProcess {
  const child = spawn(process.execPath, [SLIPWAY_BIN, ...args], { cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const checks = new Set<() => void>();
  const changed = () => {
    for (const check of [...checks]) check();
  };
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    changed();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    changed();
  });
  let exit: CliExit | undefined;
  const closed = new Promise<CliExit>((resolve) => {
    child.once('close', (code, signal) => {
      exit = { code, signal, out, err };
      resolve(exit);
      changed();
    });
  });
  return {
    child,
    out: () => out,
    err: () => err,
    waitFor(pattern, where, timeoutMs = 60_000) {
      const text = () => (where === 'out' ? out : where === 'err' ? err : `${out}${err}`);
      return new Promise<void>((resolve, reject) => {
        const done = (error?: Error) => {
          clearTimeout(timer);
          checks.delete(check);
          if (error) reject(error);
          else resolve();
        };
        const check = () => {
          if (pattern.test(text())) done();
          else if (exit) done(new Error(`slipway ${args.join(' ')} exited (${exit.code ?? exit.signal}) before printing ${pattern}:\nstdout: ${out}\nstderr: ${err}`));
        };
        const timer = setTimeout(() => done(new Error(`slipway ${args.join(' ')} did not print ${pattern} within ${timeoutMs} ms:\nstdout: ${out}\nstderr: ${err}`)), timeoutMs);
        checks.add(check);
        check();
      });
    },
    exited(withinMs = 120_000) {
      return new Promise<CliExit>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`slipway ${args.join(' ')} was still running ${withinMs} ms later:\nstdout: ${out}\nstderr: ${err}`)), withinMs);
        void closed.then((result) => {
          clearTimeout(timer);
          resolve(result);
        });
      });
    },
  };
}

/** Runs the built CLI to its end (at most `withinMs`). */
export function runCliProcess(args: string[], options: { cwd: string; env: Record<string, string | undefined> }, withinMs = 120_000): Promise<CliExit> {
  return startCli(args, options).exited(withinMs);
}

/** Kills a CLI process a test left running (after a failure), so it does not outlive the test. */
export function killLeftover(cli: CliProcess | undefined): void {
  if (cli && cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL');
}
