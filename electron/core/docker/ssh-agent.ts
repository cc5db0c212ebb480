import http from 'node:http';
import type { Duplex } from 'node:stream';
import { NO_TLS_NAME } from '../no-tls-name';
import { claimParked, WaitingConnection } from './ssh-dial';
import { openConnection, useSharing } from './ssh-mux';
import { SshStdioSocket } from './ssh-stdio-socket';
import type { SshTarget } from './ssh-target';

export { sshArgs, sshTargetFromUrl, type SshTarget } from './ssh-target';

export interface SshAgentOptions {
  /**
   * Connections kept alive and shared by consecutive calls (default 4). 0: every request
   * gets a connection of its own, closed when it ends (for long-lived requests).
   */
  poolSize?: number;
  /** An idle pooled connection is closed after this long (default 60 s). */
  idleMs?: number;
  /**
   * Keep one connection dialled ahead for the next request: each time the spare is taken,
   * another is dialled, so the next stream finds its handshake done (default false).
   */
  keepSpare?: boolean;
}

/**
 * An http.Agent whose connections are `ssh HOST docker system dial-stdio` children, as
 * the Docker CLI dials ssh:// hosts. Pooled (the default), quick calls share `poolSize`
 * connections kept alive between requests: one ssh handshake serves many calls. With
 * poolSize 0 each request (a stream: events, logs, attach, exec…) gets its own child,
 * ended with it (connect.ts routes requests between the two, see routing-modem.ts). A
 * connection whose ssh exits leaves the pool at once; the next call dials a new one.
 * prime() dials one connection ahead (the spare), taken by the next request; a connection
 * the CLI dialled before loading the core (ssh-dial.ts dialAhead) is taken first. The
 * connections share one ssh handshake (ssh-mux.ts): the first is the master, the others
 * its channels. close() ends every child and waits for it (the master too, when no other
 * agent of this process uses the host); so does the process's exit.
 */
export class SshDialStdioAgent extends http.Agent {
  private readonly connections = new Set<SshStdioSocket>();
  private readonly idleMs: number;
  private readonly poolSize: number;
  private readonly keepSpare: boolean;
  private readonly release: () => Promise<void>;
  private spare: WaitingConnection | undefined;
  private closed = false;
  private readonly killAll = (): void => {
    for (const socket of this.connections) socket.kill();
  };

  constructor(private readonly target: SshTarget, options: SshAgentOptions = {}) {
    const poolSize = options.poolSize ?? 4;
    // plain HTTP over ssh: no TLS server name to work out for each request (no-tls-name.ts)
    super(poolSize > 0 ? { keepAlive: true, maxSockets: poolSize, maxFreeSockets: poolSize, scheduling: 'lifo', ...NO_TLS_NAME } : { keepAlive: false, ...NO_TLS_NAME });
    this.poolSize = poolSize;
    this.idleMs = options.idleMs ?? 60_000;
    this.keepSpare = options.keepSpare ?? false;
    this.release = useSharing(target);
  }

  /** Dials one connection ahead, unless one waits already: the next request takes it. */
  prime(): void {
    if (this.closed || this.spare?.usable) return;
    this.spare?.drop();
    // a spare kept for streams waits as long as the agent lives; one dialled once, as long as an idle connection
    this.spare = new WaitingConnection(this.dial(), this.keepSpare ? 0 : this.idleMs);
  }

  override createConnection(): Duplex {
    if (this.closed) throw Object.assign(new Error('the ssh transport is closed'), { code: 'ECONNRESET' });
    const spare = this.spare;
    this.spare = undefined;
    const socket = spare?.usable ? spare.take() : (spare?.drop(), this.dial());
    if (this.keepSpare || this.growing()) this.prime();
    return socket;
  }

  /**
   * Calls meet: the pool has opened a second connection (or more) and has room for another.
   * The next one is dialled ahead then, so the next call that finds every connection busy
   * does not wait for a channel's far side to start (~0.1–0.25 s of `docker system
   * dial-stdio` starting there). A pool used one call at a time never dials more than one.
   */
  private growing(): boolean {
    return this.poolSize > 1 && this.connections.size >= 2 && this.connections.size < this.poolSize;
  }

  /** A connection dialled ahead for this host, or a new one; its ssh child is ours to end. */
  private dial(): SshStdioSocket {
    const socket = claimParked(this.target) ?? openConnection(this.target);
    if (this.connections.size === 0) process.once('exit', this.killAll);
    this.connections.add(socket);
    void socket.done.then(() => {
      this.connections.delete(socket);
      if (this.connections.size === 0) process.off('exit', this.killAll);
    });
    return socket;
  }

  /**
   * An idle pooled connection closes after idleMs (and no longer keeps the process alive);
   * a master's stays, as its channels (a stream's) would keep its process anyway.
   */
  override keepSocketAlive(socket: Duplex): boolean {
    super.keepSocketAlive(socket);
    if (socket instanceof SshStdioSocket && !socket.carriesChannels) socket.setTimeout(this.idleMs);
    return true;
  }

  override reuseSocket(socket: Duplex, request: http.ClientRequest): void {
    super.reuseSocket(socket, request);
    if (socket instanceof SshStdioSocket) socket.setTimeout(0);
  }

  /** Ends every ssh child (pooled, streaming or still dialling) and resolves once all have exited. */
  async close(): Promise<void> {
    this.closed = true;
    this.spare?.drop();
    this.spare = undefined;
    const done = [...this.connections].map((socket) => socket.done);
    this.destroy();
    for (const socket of this.connections) socket.destroy();
    await Promise.all(done);
    await this.release();
  }
}
