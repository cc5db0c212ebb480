export interface SshTarget {
  host: string;
  user?: string;
  port?: string;
  /** ssh://host/PATH: the engine's socket on the far side (`docker --host unix://PATH`). */
  socketPath?: string;
  /** Extra ssh flags (e.g. -i KEY, -o UserKnownHostsFile=...). */
  extraArgs: string[];
  /** The ssh program (default: ssh on PATH). */
  command: string;
  env: Record<string, string | undefined>;
}

/**
 * Parses ssh://[user@]host[:port][/socket-path] as the Docker CLI does. Extra flags come
 * from SLIPWAY_SSH_OPTS (space separated), then `extraArgs`; everything else (identity,
 * ProxyJump, ControlMaster…) from the user's ~/.ssh/config and ssh-agent, as ssh reads them.
 */
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
  if (parsed.pathname && parsed.pathname !== '/') target.socketPath = decodeURIComponent(parsed.pathname);
  return target;
}

/**
 * The ssh command line the Docker CLI uses: the remote `docker system dial-stdio` is the
 * socket. `control`: connection-sharing options (ssh-mux.ts), after the user's.
 */
export function sshArgs(target: SshTarget, control: string[] = []): string[] {
  // BatchMode: there is no terminal to answer a prompt; a missing key fails at once, with ssh's words
  const args = ['-o', 'ConnectTimeout=30', '-o', 'BatchMode=yes', '-T', ...target.extraArgs, ...control, ...hostFlags(target)];
  args.push('docker');
  if (target.socketPath) args.push('--host', `unix://${target.socketPath}`);
  args.push('system', 'dial-stdio');
  return args;
}

/** `ssh -G` for the target: the client configuration ssh would use (~/.ssh/config and the extra flags applied). */
export function sshConfigArgs(target: SshTarget): string[] {
  return [...target.extraArgs, '-G', ...hostFlags(target)];
}

function hostFlags(target: SshTarget): string[] {
  const flags: string[] = [];
  if (target.user) flags.push('-l', target.user);
  if (target.port) flags.push('-p', target.port);
  return [...flags, '--', target.host];
}

/** The environment ssh runs with: the caller's (HOME for ~/.ssh, SSH_AUTH_SOCK for the agent). */
export function sshEnv(target: SshTarget): Record<string, string> {
  return Object.fromEntries(Object.entries(target.env).filter((e): e is [string, string] => e[1] !== undefined));
}
