import { parseDurationMs } from './duration';
import { SlipwayError } from './errors';

/**
 * `--since` as Docker takes it: a relative duration ("10m", "1h30m"), an RFC 3339 time
 * ("2024-05-01T12:00:00Z", date only allowed), or Unix seconds. Returns epoch ms.
 */
export function parseSince(value: string | number, now = Date.now(), flag = '--since'): number {
  if (typeof value === 'number') return value;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const duration = /[a-zµ]$/.test(text) ? parseDurationMs(text) : undefined;
  if (duration !== undefined) return now - duration;
  const time = Date.parse(text);
  if (!Number.isNaN(time)) return time;
  throw new SlipwayError('invalid_since', `Cannot read ${flag} "${value}": not a duration (10m, 1h), a time (2024-05-01T12:00:00Z) or Unix seconds`, 'Write it like 10m, 2h30m or 2024-05-01T12:00:00Z.');
}
