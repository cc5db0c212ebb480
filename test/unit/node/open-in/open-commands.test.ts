import { describe, expect, it } from 'vitest';
import { attachedContainerUri, terminalCommand } from '../../../../electron/core/open-in/open-commands';

const shell = ['slipway', 'exec', 'web', 'sh'];
const only = (...installed: string[]) => (program: string) => (installed.includes(program) ? `/usr/bin/${program}` : undefined);

describe('the programs "Open in…" starts', () => {
  it("addresses a container the way VS Code's Dev Containers attach does", () => {
    const uri = attachedContainerUri('shop-web-1', '/app');
    expect(uri.startsWith('vscode-remote://attached-container+')).toBe(true);
    expect(uri.endsWith('/app')).toBe(true);
    const hex = uri.slice('vscode-remote://attached-container+'.length, -'/app'.length);
    expect(JSON.parse(Buffer.from(hex, 'hex').toString('utf8'))).toEqual({ containerName: '/shop-web-1' });
  });

  it('prefers $TERMINAL on Linux, then the usual terminals in order, each with its own way to take a command', () => {
    expect(terminalCommand(shell, 'linux', { TERMINAL: 'wezterm' }, only('wezterm', 'xterm'))).toEqual(['/usr/bin/wezterm', '-e', ...shell]);
    expect(terminalCommand(shell, 'linux', {}, only('gnome-terminal', 'xterm'))).toEqual(['/usr/bin/gnome-terminal', '--', ...shell]);
    expect(terminalCommand(shell, 'linux', {}, only('kitty'))).toEqual(['/usr/bin/kitty', ...shell]);
    expect(terminalCommand(shell, 'linux', {}, only())).toBeUndefined();
  });

  it('uses Terminal.app on macOS with the command quoted for the shell and for AppleScript', () => {
    const argv = terminalCommand(['slipway', '--project-directory', "/Users/ann/my \"shop\"'s", 'exec', 'web', 'sh'], 'darwin', {}, only());
    expect(argv?.[0]).toBe('osascript');
    expect(argv?.[2]).toBe(`tell application "Terminal" to do script "slipway --project-directory '/Users/ann/my \\"shop\\"'\\\\''s' exec web sh"`);
  });
});
