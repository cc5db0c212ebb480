import { SlipwayError } from '../../shared/errors';

/** `--format table|json` (`yaml|json` for config; `--json` is Slipway's older spelling): true for JSON. */
export function wantsJson(command: string, values: Record<string, unknown>, plain = 'table'): boolean {
  if (values.json === true) return true;
  const format = values.format;
  if (format === undefined || format === plain) return false;
  if (format === 'json') return true;
  throw new SlipwayError('usage', `${command}: unknown --format "${String(format)}"`, `Use --format ${plain} or --format json.`);
}

/** Columns padded as Compose's tables are (three spaces between them), the last one as it is. */
export function printColumns(rows: string[][], out: (line: string) => void): void {
  const columns = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const row of rows) out(row.map((cell, i) => (i < row.length - 1 ? cell.padEnd((widths[i] ?? 0) + 3) : cell)).join('').trimEnd());
}

/** Sizes as the Docker CLI prints them (decimal units, 3 significant digits): `4.26MB`. */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${Number(value.toPrecision(3))}${units[unit]}`;
}
