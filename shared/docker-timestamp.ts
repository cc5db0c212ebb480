/**
 * Docker's log timestamps as `docker logs -t` prints them: RFC 3339, UTC, nine fraction
 * digits (nanoseconds padded from our microseconds). The core parses them
 * (electron/core/logs/timestamps.ts); shells print them.
 */
export function formatDockerTimestamp(ms: number): string {
  const whole = Math.floor(ms);
  const iso = new Date(whole).toISOString();
  const micros = Math.min(999, Math.round((ms - whole) * 1000));
  return `${iso.slice(0, 23)}${String(micros).padStart(3, '0')}000Z`;
}
