/**
 * Go `time.Duration` text, as Compose reads and prints durations ("1m30s", "500ms", "1h").
 * The one duration parser: the compose loader normalises with it, the engine side reads
 * milliseconds from it.
 */

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
/** str2duration's units (compose-go's `every_<duration>`): Go's, plus days and weeks. */
const DAY_UNIT_NS: Record<string, number> = { ...UNIT_NS, d: 24 * 3600e9, w: 7 * 24 * 3600e9 };
const GO_UNIT = /([0-9]*\.?[0-9]+)(ns|us|µs|μs|ms|s|m|h)/y;
const DAY_UNIT = /([0-9]*\.?[0-9]+)(ns|us|µs|μs|ms|s|m|h|d|w)/y;

/** Nanoseconds, or undefined when the text is not a Go duration. */
function parseGoDuration(text: string, re = GO_UNIT, units = UNIT_NS): number | undefined {
  const s = text.trim();
  if (s === '0') return 0;
  let sign = 1;
  let i = 0;
  if (s[0] === '-' || s[0] === '+') {
    sign = s[0] === '-' ? -1 : 1;
    i = 1;
  }
  let total = 0;
  let matched = false;
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * (units[m[2] ?? ''] ?? 0);
    i = re.lastIndex;
    matched = true;
  }
  return matched ? sign * Math.round(total) : undefined;
}

function trimFraction(value: number, digits: number): string {
  return value.toFixed(digits).replace(/\.?0+$/, '');
}

/** What Go's Duration.String() prints: "1h0m0s", "1m30s", "1.5s", "500ms", "0s". */
function formatGoDuration(ns: number): string {
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  let rest = Math.abs(ns);
  if (rest < 1e3) return `${sign}${rest}ns`;
  if (rest < 1e6) return `${sign}${trimFraction(rest / 1e3, 3)}µs`;
  if (rest < 1e9) return `${sign}${trimFraction(rest / 1e6, 6)}ms`;
  let out = '';
  const h = Math.floor(rest / 3600e9);
  rest -= h * 3600e9;
  const m = Math.floor(rest / 60e9);
  rest -= m * 60e9;
  if (h > 0) out += `${h}h`;
  if (h > 0 || m > 0) out += `${m}m`;
  out += `${trimFraction(rest / 1e9, 9)}s`;
  return sign + out;
}

/** A duration as Compose prints it, or undefined when it is not a valid duration. */
export function normalizeDuration(value: unknown): string | undefined {
  if (typeof value === 'number') return formatGoDuration(value * 1e9);
  if (typeof value !== 'string') return undefined;
  const ns = parseGoDuration(value);
  return ns === undefined ? undefined : formatGoDuration(ns);
}

/**
 * Milliseconds from a Go duration, or from plain seconds (a number or digits); undefined when
 * the text is not a duration or is negative.
 */
export function parseDurationMs(text: string | number | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'number') return text * 1000;
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const ns = parseGoDuration(trimmed);
  return ns === undefined || ns < 0 ? undefined : ns / 1e6;
}

/**
 * Milliseconds from a duration with days and weeks (`1w2d`, `12h`, `30s`), as compose-go reads
 * the `<duration>` of `pull_policy: every_<duration>` (str2duration); undefined when invalid.
 */
export function parseDayDurationMs(text: string): number | undefined {
  const ns = parseGoDuration(text, DAY_UNIT, DAY_UNIT_NS);
  return ns === undefined ? undefined : ns / 1e6;
}
