import type { ContainerEvent } from '../../shared/contract/events';
import { compareText } from '../../shared/compare-text';

interface LocalTime {
  /** `2006-01-02`, `15:04:05`, the nine digits of the second's fraction, and the zone as `Z` or `+01:00`. */
  date: string;
  clock: string;
  fraction: string;
  zone: string;
}

/** The event's time in the local zone (as Go's time.Unix gives it to Compose), to the nanosecond. */
function localTime(timeNano: string, offsetMinutes?: number): LocalTime {
  const nanos = BigInt(timeNano);
  const millis = Number(nanos / 1_000_000n);
  const offset = offsetMinutes ?? -new Date(millis).getTimezoneOffset();
  const shifted = new Date(millis + offset * 60_000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return {
    date: `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`,
    clock: `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`,
    fraction: String(nanos % 1_000_000_000n).padStart(9, '0'),
    zone: offset === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`,
  };
}

const sortedEntries = (record: Record<string, string>) => Object.entries(record).sort(([a], [b]) => compareText(a, b));

/**
 * A line of `docker compose events`: `2024-01-01 10:00:00.123456 container start <id> (image=busybox, name=p-web-1)`
 * (Compose's api.Event.String; attributes sorted here, where Go's map order is random).
 */
export function eventText(event: ContainerEvent, offsetMinutes?: number): string {
  const t = localTime(event.timeNano, offsetMinutes);
  const attributes = sortedEntries(event.attributes).map(([k, v]) => `${k}=${v}`).join(', ');
  return `${t.date} ${t.clock}.${t.fraction.slice(0, 6)} container ${event.action} ${event.id} (${attributes})`;
}

/**
 * A line of `docker compose events --json`: Go's json.Marshal of Compose's map (keys sorted),
 * `time` in RFC 3339 with nanoseconds and trailing zeros dropped, as Go writes a time.Time.
 */
export function eventJson(event: ContainerEvent, offsetMinutes?: number): string {
  const t = localTime(event.timeNano, offsetMinutes);
  const fraction = t.fraction.replace(/0+$/, '');
  return JSON.stringify({
    action: event.action,
    attributes: Object.fromEntries(sortedEntries(event.attributes)),
    id: event.id,
    service: event.service,
    time: `${t.date}T${t.clock}${fraction === '' ? '' : `.${fraction}`}${t.zone}`,
    type: event.type,
  });
}
