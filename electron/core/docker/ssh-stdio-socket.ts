import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import net from 'node:net';
import { Duplex } from 'node:stream';
import type { SshTarget } from './ssh-target';

/**
 * A duplex over an ssh child's stdin/stdout: one connection to the engine, as a socket
 * http.Agent can keep alive. When ssh exits the stream ends (a pooled connection leaves
 * the pool at once); when it exits before the engine said anything, the stream fails
 * with ssh's own words (stderr), e.g. "Permission denied (publickey)".
 */
export class SshStdioSocket extends Duplex {
  private stderr = '';
  private received = false;
  private idleMs = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(readonly child: ChildProcessWithoutNullStreams, private readonly target: SshTarget) {
    super({ allowHalfOpen: false });
    child.stdout.on('data', (chunk: Buffer) => {
      this.received = true;
      this.touch();
      if (!this.push(chunk)) child.stdout.pause();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 4000) this.stderr += chunk.toString('utf8');
    });
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => this.destroy(this.failure(error.message)));
    // 'close': ssh has exited and its stderr is read, so a failure can quote it
    child.on('close', (code, signal) => {
      if (!this.received && code !== 0) this.destroy(this.failure(signal ? `ssh ended by ${signal}` : `ssh exited with code ${code}`));
      else this.push(null);
    });
  }

  private failure(fallback: string): Error {
    const lines = this.stderr.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('Warning: Permanently added'));
    return Object.assign(new Error(lines.length > 0 ? lines.join('; ') : fallback), { code: 'ESSH', sshTarget: this.target.host });
  }

  override _read(): void {
    this.child.stdout.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.touch();
    this.child.stdin.write(chunk, encoding, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.child.stdin.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.clearIdle();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    callback(error);
  }

  /** Like net.Socket's: 'timeout' after `ms` without traffic (http.Agent closes idle pooled connections so). */
  setTimeout(ms: number, onTimeout?: () => void): this {
    this.idleMs = ms;
    if (onTimeout) this.once('timeout', onTimeout);
    this.touch();
    return this;
  }

  private touch(): void {
    this.clearIdle();
    if (this.idleMs <= 0 || this.destroyed) return;
    this.idleTimer = setTimeout(() => this.emit('timeout'), this.idleMs);
    this.idleTimer.unref();
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  // what http.ClientRequest and http.Agent may call on a socket
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  /** A connection in use keeps the process alive; an idle pooled one does not. */
  ref(): this {
    this.child.ref();
    for (const pipe of [this.child.stdin, this.child.stdout, this.child.stderr]) if (pipe instanceof net.Socket) pipe.ref();
    return this;
  }
  unref(): this {
    this.child.unref();
    for (const pipe of [this.child.stdin, this.child.stdout, this.child.stderr]) if (pipe instanceof net.Socket) pipe.unref();
    return this;
  }
}
