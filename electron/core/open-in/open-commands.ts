/**
 * The programs "Open in…" starts, by platform: pure, so each can be checked without
 * starting anything. A command is argv (program first).
 */
export type Argv = [string, ...string[]];

/** VS Code's address for a running container (its Dev Containers "attach" form). */
export function attachedContainerUri(containerName: string, workingDir: string): string {
  const hex = Buffer.from(JSON.stringify({ containerName: `/${containerName.replace(/^\//, '')}` }), 'utf8').toString('hex');
  return `vscode-remote://attached-container+${hex}${workingDir.startsWith('/') ? workingDir : `/${workingDir}`}`;
}

/** Where VS Code's `code` command lives when it is not on PATH. */
export function codeFallbacks(platform: NodeJS.Platform, env: Record<string, string | undefined>): string[] {
  if (platform === 'darwin') return ['/Applications/Visual Studio Code.app/Contents/Resources/app/bin/code'];
  if (platform === 'win32' && env.LOCALAPPDATA) return [`${env.LOCALAPPDATA}\\Programs\\Microsoft VS Code\\bin\\code.cmd`];
  return ['/usr/share/code/bin/code', '/snap/bin/code'];
}

/** A terminal program and how it takes a command to run, in the order they are tried on Linux. */
const LINUX_TERMINALS: Array<{ program: string; run: string[] }> = [
  { program: 'x-terminal-emulator', run: ['-e'] },
  { program: 'gnome-terminal', run: ['--'] },
  { program: 'konsole', run: ['-e'] },
  { program: 'xfce4-terminal', run: ['-x'] },
  { program: 'kitty', run: [] },
  { program: 'alacritty', run: ['-e'] },
  { program: 'wezterm', run: ['start', '--'] },
  { program: 'foot', run: [] },
  { program: 'xterm', run: ['-e'] },
];

/**
 * The user's terminal running `command`: $TERMINAL first (with -e), then the usual Linux
 * terminals; Terminal.app through osascript on macOS; a new console on Windows.
 * `find` answers where a program is (undefined: not installed).
 */
export function terminalCommand(command: string[], platform: NodeJS.Platform, env: Record<string, string | undefined>, find: (program: string) => string | undefined): Argv | undefined {
  if (platform === 'darwin') {
    const line = command.map(shellQuote).join(' ');
    return ['osascript', '-e', `tell application "Terminal" to do script ${appleScriptString(line)}`, '-e', 'tell application "Terminal" to activate'];
  }
  if (platform === 'win32') return ['cmd.exe', '/c', 'start', '', 'cmd.exe', '/k', ...command];
  const preferred = env.TERMINAL ? find(env.TERMINAL) : undefined;
  if (preferred) return [preferred, '-e', ...command];
  for (const terminal of LINUX_TERMINALS) {
    const found = find(terminal.program);
    if (found) return [found, ...terminal.run, ...command];
  }
  return undefined;
}

export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function appleScriptString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
