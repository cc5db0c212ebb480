import { spawn } from 'node:child_process';
import { existsSync, rmSync, watch } from 'node:fs';
import path from 'node:path';
import type { SshChild } from './ssh-stdio-socket';
import { newControlPath } from './ssh-control-dir';
import { sshArgs, sshEnv, type SshTarget } from './ssh-target';

/**
 * Sessions a master carries besides its own: sshd allows 10 per connection by default
 * (MaxSessions); past this, connections dial on their own.
 */
export const CHANNELS_PER_MASTER = 8;

/**
 * An OpenSSH connection-sharing master: the first connection to a host, itself a
 * `docker system dial-stdio` session, whose control socket (in this process's private
 * folder) carries further sessions without a handshake of their own. ControlPersist=no:
 * it never goes to the background, so it ends with its own session once no channel is
 * left, and with our process (its stdin closes).
 */
export class SshMaster {
  readonly child: SshChild;
  /** true once the control socket exists (after authentication); false when ssh exited first. */
  readonly ready: Promise<boolean>;
  /** Its own session is over (or ending): no new channel goes to it. */
  draining = false;
  private channels = 0;
  private readonly control: { path: string; option: string };
  readonly exited: Promise<void>;

  constructor(private readonly target: SshTarget) {
    this.control = newControlPath(target.env);
    this.child = spawn(target.command, sshArgs(target, ['-o', 'ControlMaster=yes', '-o', this.control.option, '-o', 'ControlPersist=no']), { stdio: ['pipe', 'pipe', 'pipe'], env: sshEnv(target) });
    this.exited = new Promise((resolve) => {
      const gone = (): void => {
        // a master killed hard leaves its socket file
        rmSync(this.control.path, { force: true });
        resolve();
      };
      this.child.once('exit', gone);
      this.child.once('error', gone);
    });
    this.ready = socketAppears(this.control.path, this.exited);
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** A new channel may go to it now (ready, not draining, room left). */
  get open(): boolean {
    return this.alive && !this.draining && this.channels < CHANNELS_PER_MASTER;
  }

  /** Starts one more session over the master: `ssh -o ControlMaster=no …` (a direct connection if the socket went away meanwhile). */
  channel(): SshChild {
    const child = spawn(this.target.command, sshArgs(this.target, ['-o', 'ControlMaster=no', '-o', this.control.option]), { stdio: ['pipe', 'pipe', 'pipe'], env: sshEnv(this.target) });
    this.channels++;
    let counted = true;
    const gone = (): void => {
      if (counted) this.channels--;
      counted = false;
    };
    child.once('exit', gone);
    child.once('error', gone);
    return child;
  }

  /**
   * Its own connection is no longer wanted: with channels open, its session ends (stdin
   * closes) and the process stays for them; without, it ends now.
   */
  endSession(): void {
    this.draining = true;
    if (this.channels > 0) this.child.stdin.end();
    else this.child.kill('SIGTERM');
  }

  /** SIGTERM (ssh removes its control socket) and the exit awaited. */
  async stop(): Promise<void> {
    if (this.alive) this.child.kill('SIGTERM');
    await this.exited;
  }
}

/** Resolves true when `file` exists, false when `exited` comes first. */
function socketAppears(file: string, exited: Promise<void>): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (value: boolean): void => {
      if (settled) return;
      settled = true;
      watcher?.close();
      resolve(value);
    };
    let watcher: ReturnType<typeof watch> | undefined;
    try {
      watcher = watch(path.dirname(file), () => {
        if (existsSync(file)) settle(true);
      });
      watcher.unref();
      watcher.on('error', () => settle(false));
    } catch {
      settle(false);
      return;
    }
    void exited.then(() => settle(false));
    if (existsSync(file)) settle(true);
  });
}
