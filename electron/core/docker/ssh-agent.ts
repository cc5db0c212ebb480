import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { isLongLivedRequest } from './request-kind';
import { SshStdioSocket } from './ssh-stdio-socket';
import { sshArgs, sshEnv, type SshTarget } from './ssh-target';

export { sshArgs, sshTargetFromUrl, type SshTarget } from './ssh-target';

export interface SshPoolOptions {
  /** Connections quick calls share, kept alive between calls (default 4). */
  poolSize?: number;
  /** An idle pooled connection is closed after this long (default 60 s). */
  idleMs?: number;
}

/**
 * An http.Agent whose connections are `ssh HOST docker system dial-stdio` children, as
 * the Docker CLI dials ssh:// hosts. Quick calls share a pool of `poolSize` connections
 * kept alive between requests (one ssh handshake serves many calls); long-lived requests
 * (events, logs, attach, exec, wait… see request-kind.ts) each get a connection of their
 * own, closed when they end. A connection whose ssh exits leaves the pool at once, and
 * the next call dials a new one. close() ends every child and waits for it; so does the
 * process's exit.
 */
export class SshDialStdioAgent extends http.Agent {
  private readonly children = new Set<ChildProcess>();
  /** Sockets of long-lived requests: never pooled. */
  private readonly ownSockets = new WeakSet<Duplex>();
  private readonly idleMs: number;
  private ownConnections = 0;
  private closed = false;
  private readonly killAll = (): void => {
    for (const child of this.children) child.kill('SIGTERM');
  };

  constructor(private readonly target: SshTarget, options: SshPoolOptions = {}) {
    const poolSize = options.poolSize ?? 4;
    super({ keepAlive: true, maxSockets: poolSize, maxFreeSockets: poolSize, scheduling: 'lifo' });
    this.idleMs = options.idleMs ?? 60_000;
  }

  /** ssh children alive now (pooled, own and closing). */
  get processes(): number {
    return this.children.size;
  }

  /** The pool key: every long-lived request gets a key, and so a connection, of its own. */
  override getName(options?: http.ClientRequestArgs): string {
    const base = super.getName(options);
    if (!options || !isLongLivedRequest(options)) return base;
    this.ownConnections += 1;
    return `${base}:own-${this.ownConnections}`;
  }

  override createConnection(options: http.ClientRequestArgs): Duplex {
    if (this.closed) throw Object.assign(new Error('the ssh transport is closed'), { code: 'ECONNRESET' });
    const child = spawn(this.target.command, sshArgs(this.target), { stdio: ['pipe', 'pipe', 'pipe'], env: sshEnv(this.target) });
    if (this.children.size === 0) process.once('exit', this.killAll);
    this.children.add(child);
    child.once('exit', () => {
      this.children.delete(child);
      if (this.children.size === 0) process.off('exit', this.killAll);
    });
    // spawn failures (no ssh here) come as 'error' without 'exit'
    child.once('error', () => {
      this.children.delete(child);
      if (this.children.size === 0) process.off('exit', this.killAll);
    });
    const socket = new SshStdioSocket(child, this.target);
    if (isLongLivedRequest(options)) this.ownSockets.add(socket);
    return socket;
  }

  /** A long-lived request's connection is not pooled; an idle pooled one closes after idleMs. */
  override keepSocketAlive(socket: Duplex): boolean {
    if (this.ownSockets.has(socket)) return false;
    super.keepSocketAlive(socket);
    if (socket instanceof SshStdioSocket) socket.setTimeout(this.idleMs);
    return true;
  }

  override reuseSocket(socket: Duplex, request: http.ClientRequest): void {
    super.reuseSocket(socket, request);
    if (socket instanceof SshStdioSocket) socket.setTimeout(0);
  }

  /** Ends every ssh child (pooled, streaming or still dialling) and resolves once all have exited. */
  async close(): Promise<void> {
    this.closed = true;
    const exits = [...this.children].map(
      (child) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()))),
    );
    this.destroy();
    this.killAll();
    await Promise.all(exits);
  }
}
