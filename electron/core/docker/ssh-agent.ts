import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import http from 'node:http';
import { Duplex } from 'node:stream';

export interface SshTarget {
  host: string;
  user?: string;
  port?: string;
  /** Extra ssh flags (e.g. -i KEY, -o UserKnownHostsFile=...). */
  extraArgs: string[];
  /** The ssh program (default: ssh on PATH). */
  command: string;
  env: Record<string, string | undefined>;
}

/** Parses ssh://[user@]host[:port]; extra flags come from SLIPWAY_SSH_OPTS (space separated). */
export function sshTargetFromUrl(url: string, env: Record<string, string | undefined>, extraArgs: string[] = []): SshTarget {
  const parsed = new URL(url);
  const target: SshTarget = {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    extraArgs: [...(env.SLIPWAY_SSH_OPTS ? env.SLIPWAY_SSH_OPTS.split(/\s+/).filter(Boolean) : []), ...extraArgs],
    command: env.SLIPWAY_SSH_COMMAND || 'ssh',
    env,
  };
  if (parsed.username) target.user = decodeURIComponent(parsed.username);
  if (parsed.port) target.port = parsed.port;
  return target;
}

/** The ssh command line the Docker CLI uses: the remote `docker system dial-stdio` is the socket. */
export function sshArgs(target: SshTarget): string[] {
  const args = ['-o', 'ConnectTimeout=30', '-o', 'BatchMode=yes', '-T', ...target.extraArgs];
  if (target.user) args.push('-l', target.user);
  if (target.port) args.push('-p', target.port);
  args.push('--', target.host, 'docker', 'system', 'dial-stdio');
  return args;
}

/**
 * A duplex over an ssh child's stdin/stdout. When ssh exits before the engine said
 * anything, the stream fails with ssh's own words (stderr), e.g. "Permission denied (publickey)".
 */
class SshStdioSocket extends Duplex {
  private stderr = '';
  private received = false;

  constructor(private readonly child: ChildProcessWithoutNullStreams, private readonly target: SshTarget) {
    super({ allowHalfOpen: false });
    child.stdout.on('data', (chunk: Buffer) => {
      this.received = true;
      if (!this.push(chunk)) child.stdout.pause();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 4000) this.stderr += chunk.toString('utf8');
    });
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => this.destroy(this.failure(error.message)));
    // 'close': ssh has exited and its stderr is read, so a failure can quote it
    child.on('close', (code) => {
      if (!this.received && code !== 0) this.destroy(this.failure(`ssh exited with code ${code}`));
      else this.push(null);
    });
  }

  private failure(fallback: string): Error {
    const lines = this.stderr.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('Warning: Permanently added'));
    const error = new Error(lines.length > 0 ? lines.join('; ') : fallback) as Error & { code: string; sshTarget: string };
    error.code = 'ESSH';
    error.sshTarget = this.target.host;
    return error;
  }

  override _read(): void {
    this.child.stdout.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.child.stdin.write(chunk, encoding, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.child.stdin.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    callback(error);
  }

  // what http.ClientRequest may call on a socket
  setTimeout(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}

/** An http.Agent whose connections are `ssh HOST docker system dial-stdio` children. */
export class SshDialStdioAgent extends http.Agent {
  constructor(private readonly target: SshTarget) {
    super({ keepAlive: false });
  }

  override createConnection(): Duplex {
    const env = Object.fromEntries(Object.entries(this.target.env).filter((e): e is [string, string] => e[1] !== undefined));
    const child = spawn(this.target.command, sshArgs(this.target), { stdio: ['pipe', 'pipe', 'pipe'], env });
    return new SshStdioSocket(child, this.target);
  }
}
