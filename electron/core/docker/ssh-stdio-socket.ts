import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import net from 'node:net';
import { Duplex } from 'node:stream';
import { sshArgs, sshEnv, type SshTarget } from './ssh-target';

export type SshChild = ChildProcessWithoutNullStreams;

/** An ssh child started for a socket, and how to end it when the socket is destroyed (default: SIGTERM). */
export interface SshLaunched {
  child: SshChild;
  /**
   * Ends the child instead of SIGTERM (a connection-sharing master: its session ends, the
   * process stays for its channels). The socket is done once its session is: stdout closed.
   */
  stop?: (child: SshChild) => void;
}

/** A child now, or one on its way (resolves undefined when the socket was destroyed first: nothing was started). */
export type SshLaunch = SshLaunched | ((stillWanted: () => boolean) => Promise<SshLaunched | undefined>);

const running = (child: SshChild): boolean => child.exitCode === null && child.signalCode === null;

/**
 * `ssh HOST docker system dial-stdio` with its own handshake. The child is a socket's at once
 * (new SshStdioSocket, or a launch it awaits): its errors are that socket's (attach).
 */
export function spawnDirect(target: SshTarget): SshChild {
  return spawn(target.command, sshArgs(target), { stdio: ['pipe', 'pipe', 'pipe'], env: sshEnv(target) });
}

/**
 * A duplex over an ssh child's stdin/stdout: one connection to the engine, as a socket
 * http.Agent can keep alive. When ssh exits the stream ends (a pooled connection leaves
 * the pool at once); when it exits before the engine said anything, the stream fails
 * with ssh's own words (stderr), e.g. "Permission denied (publickey)". The child may come
 * later (a channel waits for its master to be ready): writes wait for it.
 */
export class SshStdioSocket extends Duplex {
  private child: SshChild | undefined;
  private stop: ((child: SshChild) => void) | undefined;
  private stderr = '';
  private received = false;
  private idleMs = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly pending: Array<(child: SshChild) => void> = [];
  private refed = true;
  /** Keeps the process alive while a connection in use waits for its child. */
  private holdOpen: NodeJS.Timeout | undefined;
  private markDone: () => void = () => undefined;
  /** Resolves once its ssh has exited (a master: once its session is over), or when none was started. */
  readonly done = new Promise<void>((resolve) => (this.markDone = resolve));

  constructor(launch: SshLaunch, private readonly target: SshTarget) {
    super({ allowHalfOpen: false });
    if (typeof launch !== 'function') {
      this.attach(launch);
      return;
    }
    this.hold();
    launch(() => !this.destroyed).then(
      (launched) => (launched ? this.attach(launched) : this.markDone()),
      (error: unknown) => {
        this.markDone();
        this.destroy(this.failure(error instanceof Error ? error.message : String(error)));
      },
    );
  }

  /** The ssh process, once started. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** A connection-sharing master's own session: other connections ride its process. */
  get carriesChannels(): boolean {
    return this.stop !== undefined;
  }

  /** Still dialling or connected: ssh has not exited, the stream has not ended. */
  get usable(): boolean {
    return !this.destroyed && !this.readableEnded && (this.child === undefined || running(this.child));
  }

  /** SIGTERM to its ssh now (the process is exiting: nothing can be awaited). */
  kill(): void {
    if (this.child && running(this.child)) this.child.kill('SIGTERM');
  }

  private attach({ child, stop }: SshLaunched): void {
    this.child = child;
    this.stop = stop;
    this.release();
    child.stdout.on('data', (chunk: Buffer) => {
      this.received = true;
      this.touch();
      if (!this.push(chunk)) child.stdout.pause();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 4000) this.stderr += chunk.toString('utf8');
    });
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => {
      this.markDone();
      this.destroy(this.failure(error.message));
    });
    child.once('exit', () => this.markDone());
    if (stop) child.stdout.once('close', () => this.markDone());
    // 'close': ssh has exited and its stderr is read, so a failure can quote it
    child.on('close', (code, signal) => {
      if (!this.received && code !== 0) this.destroy(this.failure(signal ? `ssh ended by ${signal}` : `ssh exited with code ${code}`));
      else this.push(null);
    });
    if (!this.refed) this.unref();
    if (this.destroyed) this.endChild(child);
    for (const write of this.pending.splice(0)) write(child);
  }

  private endChild(child: SshChild): void {
    if (!running(child)) return;
    if (this.stop) this.stop(child);
    else child.kill('SIGTERM');
  }

  private failure(fallback: string): Error {
    const lines = this.stderr.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('Warning: Permanently added'));
    return Object.assign(new Error(lines.length > 0 ? lines.join('; ') : fallback), { code: 'ESSH', sshTarget: this.target.host });
  }

  /** Runs `then` with the child, now or once it has started. */
  private withChild(then: (child: SshChild) => void): void {
    if (this.child) then(this.child);
    else this.pending.push(then);
  }

  override _read(): void {
    this.child?.stdout.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.touch();
    this.withChild((child) => child.stdin.write(chunk, encoding, callback));
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.withChild((child) => child.stdin.end());
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.clearIdle();
    this.release();
    if (this.child) this.endChild(this.child);
    // still waiting (for a master): nothing will be started for it now
    else this.markDone();
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

  private hold(): void {
    if (!this.child && this.refed && !this.holdOpen && !this.destroyed) this.holdOpen = setInterval(() => undefined, 1 << 30);
  }

  private release(): void {
    if (this.holdOpen) clearInterval(this.holdOpen);
    this.holdOpen = undefined;
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
    this.refed = true;
    const child = this.child;
    if (!child) {
      this.hold();
      return this;
    }
    child.ref();
    for (const pipe of [child.stdin, child.stdout, child.stderr]) if (pipe instanceof net.Socket) pipe.ref();
    return this;
  }
  unref(): this {
    this.refed = false;
    this.release();
    const child = this.child;
    if (!child) return this;
    child.unref();
    for (const pipe of [child.stdin, child.stdout, child.stderr]) if (pipe instanceof net.Socket) pipe.unref();
    return this;
  }
}
