import { openConnection, sshCommandKey, useSharing } from './ssh-mux';
import type { SshStdioSocket } from './ssh-stdio-socket';
import type { SshTarget } from './ssh-target';

/** An unclaimed connection dialled ahead is ended after this long. */
const PARKED_MS = 30_000;

const ignore = (): void => undefined;

/**
 * A connection dialled before anyone asked for it: it does not keep the process alive, a
 * failure waits unheard (it shows again, with ssh's words, on the connection dialled in its
 * place), and it ends after `ms` unless taken.
 */
export class WaitingConnection {
  private readonly timer: NodeJS.Timeout | undefined;

  /** `ms` 0: it waits as long as it takes (the agent's close() or the process's exit ends it). */
  constructor(readonly socket: SshStdioSocket, ms: number) {
    socket.on('error', ignore);
    socket.unref();
    if (ms > 0) this.timer = setTimeout(() => socket.destroy(), ms).unref();
  }

  /** Still dialling or connected: ssh has not exited, the stream has not ended. */
  get usable(): boolean {
    return this.socket.usable;
  }

  /** The socket, now the caller's: it keeps the process alive and reports its errors. */
  take(): SshStdioSocket {
    clearTimeout(this.timer);
    this.socket.off('error', ignore);
    return this.socket.ref();
  }

  drop(): void {
    clearTimeout(this.timer);
    this.socket.destroy();
  }
}

interface Parked {
  waiting: WaitingConnection;
  /** Its hold on the host's shared connection, given up once claimed or gone. */
  release: () => Promise<void>;
}

/** Connections dialled ahead (dialAhead), by the ssh command line that dialled them. */
const parked = new Map<string, Parked[]>();
const parkedSockets = new Set<SshStdioSocket>();
const killParked = (): void => {
  for (const socket of parkedSockets) socket.kill();
};

/**
 * Dials one connection before anyone asks for it (the CLI does as soon as it knows the
 * host, before it loads the rest of itself), so the ssh handshake overlaps start-up. The
 * first agent for the same ssh command line takes it (claimParked). Unclaimed, it ends
 * after 30 s or with the process.
 */
export function dialAhead(target: SshTarget): void {
  const release = useSharing(target);
  const entry: Parked = { waiting: new WaitingConnection(openConnection(target), PARKED_MS), release };
  const socket = entry.waiting.socket;
  if (parkedSockets.size === 0) process.once('exit', killParked);
  parkedSockets.add(socket);
  const key = sshCommandKey(target);
  parked.set(key, [...(parked.get(key) ?? []), entry]);
  void socket.done.then(() => {
    unpark(key, entry);
    void release();
  });
}

/** A connection dialled ahead for this target and still alive, if any: the caller's from now on. */
export function claimParked(target: SshTarget): SshStdioSocket | undefined {
  const key = sshCommandKey(target);
  const found = (parked.get(key) ?? []).find((p) => p.waiting.usable);
  if (!found) return undefined;
  unpark(key, found);
  // the caller holds the host's shared connection itself
  void found.release();
  return found.waiting.take();
}

function unpark(key: string, entry: Parked): void {
  const rest = (parked.get(key) ?? []).filter((p) => p !== entry);
  if (rest.length > 0) parked.set(key, rest);
  else parked.delete(key);
  parkedSockets.delete(entry.waiting.socket);
  if (parkedSockets.size === 0) process.off('exit', killParked);
}
