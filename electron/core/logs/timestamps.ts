/**
 * Docker's log timestamps: RFC 3339 with nine fraction digits, UTC
 * ("2024-05-01T12:34:56.123456789Z"), the fixed-width form the engine writes, so
 * that two of them compare as strings the way they compare in time.
 */
let cachedSecondText = '';
let cachedSecondMs = 0;

/** Epoch milliseconds with a microsecond fraction; NaN when `text` is not a timestamp. */
export function parseDockerTimestamp(text: string, end = text.length): number {
  if (end < 20) return NaN;
  const second = text.slice(0, 19);
  if (second !== cachedSecondText) {
    const ms = Date.parse(`${second}Z`);
    if (Number.isNaN(ms)) return NaN;
    cachedSecondText = second;
    cachedSecondMs = ms;
  }
  let micros = 0;
  let digits = 0;
  let i = 20;
  if (text.charCodeAt(19) === 46) {
    for (; i < end && digits < 6; i++, digits++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      micros = micros * 10 + c;
    }
  }
  for (; digits < 6; digits++) micros *= 10;
  return cachedSecondMs + micros / 1000;
}

/** The `since` value the engine takes: seconds, with a nanosecond fraction. */
export function dockerSinceFromTimestamp(text: string): string {
  const ms = Date.parse(`${text.slice(0, 19)}Z`);
  const fraction = text.slice(20, 29).padEnd(9, '0');
  return `${Math.floor(ms / 1000)}.${fraction}`;
}
