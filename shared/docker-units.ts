/**
 * Numbers as the Docker CLI prints them (github.com/docker/go-units and Go's fmt), so that
 * what Slipway shows reads exactly like `docker stats`.
 */

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Go's `%.{precision}g` for a finite number: shortest form, exponent only when it is < -4 or ≥ precision. */
export function goFormatG(value: number, precision: number): string {
  if (value === 0) return '0';
  const [mantissa = '0', exponentText = '0'] = value.toExponential(precision - 1).split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= precision) {
    return `${trimZeros(mantissa)}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return trimZeros(value.toFixed(Math.max(0, precision - 1 - exponent)));
}

const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];
const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/** go-units' CustomSize: divided by `base` while it is at least `base`, then `%.{precision}g` and the unit. */
function customSize(size: number, base: number, units: readonly string[], precision: number): string {
  let value = size;
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit++;
  }
  return `${goFormatG(value, precision)}${units[unit] ?? ''}`;
}

/** go-units' BytesSize: binary units, 4 significant digits (`docker stats`' MEM USAGE): "228KiB", "23.54GiB". */
export function bytesSize(bytes: number): string {
  return customSize(bytes, 1024, BINARY, 4);
}

/** go-units' HumanSizeWithPrecision: decimal units (`docker stats`' NET I/O and BLOCK I/O use 3): "1.11kB". */
export function humanSizeWithPrecision(bytes: number, precision: number): string {
  return customSize(bytes, 1000, DECIMAL, precision);
}

/** A percentage as `docker stats` prints it: two decimals and a % sign. */
export function percent(value: number): string {
  return `${value.toFixed(2)}%`;
}
