import { execFile } from 'node:child_process';
import { removeControlDir } from './ssh-control-dir';
import { SshMaster } from './ssh-master';
import { spawnDirect, SshStdioSocket, type SshLaunched } from './ssh-stdio-socket';
import { sshArgs, sshConfigArgs, sshEnv, type SshTarget } from './ssh-target';

/**
 * One ssh handshake per host and process: the first connection is an OpenSSH
 * connection-sharing master (ssh-master.ts), later ones open as channels of it once it is
 * ready — they wait for it rather than start a handshake of their own, and dial on their
 * own only when it failed, is full or ended. Nothing is added for a host whose ssh
 * configuration (`ssh -G`) or flags already set ControlMaster/ControlPath, nor with
 * SLIPWAY_SSH_MUX=0. Masters live while someone uses the host (useSharing) and end with
 * the last user or the process.
 */
interface SharedHost {
  users: number;
  /** The user shares connections for this host already: we add nothing (`ssh -G`, asked once). */
  theirs: Promise<boolean> | undefined;
  /** Its answer, once there. */
  theirsKnown: boolean | undefined;
  current: SshMaster | undefined;
  masters: Set<SshMaster>;
}

const hosts = new Map<string, SharedHost>();
const masters = new Set<SshMaster>();

/** Connections of one ssh command line share a master. */
export function sshCommandKey(target: SshTarget): string {
  return JSON.stringify([target.command, ...sshArgs(target)]);
}

/**
 * Marks this process as a user of the target's shared connection until the returned
 * function is called; the last user's call ends the masters and resolves once they are gone.
 */
export function useSharing(target: SshTarget): () => Promise<void> {
  const key = sshCommandKey(target);
  const host = hosts.get(key) ?? { users: 0, theirs: undefined, theirsKnown: undefined, current: undefined, masters: new Set<SshMaster>() };
  hosts.set(key, host);
  host.users++;
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    host.users--;
    if (host.users > 0) return;
    if (hosts.get(key) === host) hosts.delete(key);
    await Promise.all([...host.masters].map((m) => m.stop()));
  };
}

/** One connection to the engine: a channel of the host's master, the master itself, or (not shared) a direct one. */
export function openConnection(target: SshTarget): SshStdioSocket {
  const host = hosts.get(sshCommandKey(target));
  if (!host || !sharingAllowed(target)) return new SshStdioSocket({ child: spawnDirect(target) }, target);
  return new SshStdioSocket((stillWanted) => launch(target, host, stillWanted), target);
}

async function launch(target: SshTarget, host: SharedHost, stillWanted: () => boolean): Promise<SshLaunched | undefined> {
  const current = host.current;
  // the first connection: ssh starts shaking hands before `ssh -G` is asked whether sharing is
  // ours to add (when it is not, this master is ended long before it could have shared anything)
  const first = host.theirsKnown !== true && host.users > 0 && (!current || current.draining || !current.alive) ? startMaster(target, host) : undefined;
  const theirs = (host.theirs ??= userSharesConnections(target).then((answer) => (host.theirsKnown = answer)));
  if (first) {
    if (!(await theirs) && stillWanted()) return first.launched;
    await first.master.stop();
    return stillWanted() ? { child: spawnDirect(target) } : undefined;
  }
  if ((await theirs) || host.users === 0) return stillWanted() ? { child: spawnDirect(target) } : undefined;
  const master = host.current ?? current;
  const ready = master ? await master.ready : false;
  if (!stillWanted()) return undefined;
  return { child: master && ready && master.open ? master.channel() : spawnDirect(target) };
}

function startMaster(target: SshTarget, host: SharedHost): { master: SshMaster; launched: SshLaunched } {
  const master = new SshMaster(target);
  host.current = master;
  host.masters.add(master);
  if (masters.size === 0) process.once('exit', stopAll);
  masters.add(master);
  void master.exited.then(() => {
    host.masters.delete(master);
    if (host.current === master) host.current = undefined;
    masters.delete(master);
    if (masters.size > 0) return;
    process.off('exit', stopAll);
    removeControlDir();
  });
  const stop = (): void => {
    if (host.current === master) host.current = undefined;
    master.endSession();
  };
  return { master, launched: { child: master.child, stop } };
}

/** The process is exiting: every master gets SIGTERM, the control sockets' folder goes at once. */
function stopAll(): void {
  for (const master of masters) if (master.alive) master.child.kill('SIGTERM');
  removeControlDir();
}

// -M / -S (alone or among other one-letter switches), or -o Control…
const CONTROL_FLAG = /^-[46AaCfGgKkNnqsTtVvXxYy]*[MS]|control(master|path|persist)/i;

/** Sharing is ours to add: not turned off, and no flag of the user's shares connections already. */
export function sharingAllowed(target: SshTarget): boolean {
  return target.env.SLIPWAY_SSH_MUX !== '0' && !target.extraArgs.some((arg) => CONTROL_FLAG.test(arg));
}

/** `ssh -G`: does the user's configuration for this host set ControlMaster or ControlPath? */
function userSharesConnections(target: SshTarget): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(target.command, sshConfigArgs(target), { env: sshEnv(target), timeout: 10_000 }, (error, stdout) => resolve(!error && sharesConnections(stdout)));
  });
}

/** From `ssh -G` output: true when ControlMaster is not "false" or ControlPath is not "none". */
export function sharesConnections(config: string): boolean {
  const value = (name: string): string | undefined => new RegExp(`^${name} (.*)$`, 'mi').exec(config)?.[1]?.trim().toLowerCase();
  const master = value('controlmaster');
  const controlPath = value('controlpath');
  return (master !== undefined && master !== 'false' && master !== 'no') || (controlPath !== undefined && controlPath !== 'none');
}
