/** CSI and OSC escape sequences (colours, cursor moves, titles, links). */
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** The text without ANSI escapes, for `--no-color` and for output that is not a terminal. */
export function stripAnsi(text: string): string {
  return text.indexOf('\u001b') < 0 ? text : text.replace(ANSI, '');
}
