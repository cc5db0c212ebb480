/**
 * "Start at login". macOS and Windows have an API (app.setLoginItemSettings); on Linux
 * it is an XDG autostart entry, whose text this builds (Exec quoted as the Desktop Entry
 * specification says).
 */
export function autostartDesktopEntry(command: readonly string[]): string {
  const quote = (arg: string) => (/[\s"'\\$`<>|&;()*?#~]/.test(arg) ? `"${arg.replace(/(["\\$`])/g, '\\$1')}"` : arg);
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Slipway',
    'Comment=Development environments on Docker',
    `Exec=${[...command, '--hidden'].map(quote).join(' ')}`,
    'Icon=slipway',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Started by the login item: stay in the tray, no window. Linux and Windows pass
 * `--hidden`; macOS login items take no arguments, so there the OS says whether it opened us.
 */
export function startedHidden(argv: readonly string[], openedAtLogin = false): boolean {
  return openedAtLogin || argv.includes('--hidden');
}
