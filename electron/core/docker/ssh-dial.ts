import { spawn, type ChildProcess } from 'node:child_process';
import { SshStdioSocket } from './ssh-stdio-socket';
import { sshArgs, sshEnv, type SshTarget } from './ssh-target';

/** An unclaimed connection dialled ahead is ended after this long. */
const PARKED_MS = 30_000;

/** Starts `ssh HOST docker system dial-stdio`: one connection to the engine. */
export function spawnDialStdio(target: SshTarget): SshStdioSocket {
  const child = spawn(target.command, sshArgs(target), { stdio: ['pipe', 'pipe', 'pipe'], env: sshEnv(target) });
  return new SshStdioSocket(child, target);
}

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
    const { socket } = this;
    return !socket.destroyed && !socket.readableEnded && socket.child.exitCode === null && socket.child.signalCode === null;
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

/** Connections dialled ahead (dialAhead), by the ssh command line that dialled them. */
const parked = new Map<string, WaitingConnection[]>();
const parkedChildren = new Set<ChildProcess>();
const killParked = (): void => {
  for (const child of parkedChildren) child.kill('SIGTERM');
};

function commandLine(target: SshTarget): string {
  return JSON.stringify([target.command, ...sshArgs(target)]);
}

/**
 * Dials one connection before anyone asks for it (the CLI does as soon as it knows the
 * host, before it loads the rest of itself), so the ssh handshake overlaps start-up. The
 * first agent for the same ssh command line takes it (claimParked). Unclaimed, it ends
 * after 30 s or with the process.
 */
export function dialAhead(target: SshTarget): void {
  const waiting = new WaitingConnection(spawnDialStdio(target), PARKED_MS);
  const child = waiting.socket.child;
  if (parkedChildren.size === 0) process.once('exit', killParked);
  parkedChildren.add(child);
  const key = commandLine(target);
  parked.set(key, [...(parked.get(key) ?? []), waiting]);
  child.once('exit', () => {
    forget(child);
    const rest = (parked.get(key) ?? []).filter((w) => w !== waiting);
    if (rest.length > 0) parked.set(key, rest);
    else parked.delete(key);
  });
}

/** A connection dialled ahead for this target and still alive, if any: the caller's from now on. */
export function claimParked(target: SshTarget): SshStdioSocket | undefined {
  const key = commandLine(target);
  const waiting = parked.get(key) ?? [];
  const found = waiting.find((w) => w.usable);
  if (!found) return undefined;
  const rest = waiting.filter((w) => w !== found);
  if (rest.length > 0) parked.set(key, rest);
  else parked.delete(key);
  forget(found.socket.child);
  return found.take();
}

function forget(child: ChildProcess): void {
  parkedChildren.delete(child);
  if (parkedChildren.size === 0) process.off('exit', killParked);
}
