import { describe, expect, it } from 'vitest';
import { eventJson, eventText } from '../../../../electron/cli/event-format';

const event = {
  subscriptionId: 's',
  timeNano: '1704067200123456789',
  type: 'container' as const,
  action: 'start',
  id: 'abc123',
  service: 'web',
  attributes: { name: 'p-web-1', image: 'busybox:latest' },
};

describe('events output', () => {
  it('text as Compose prints it: local time to the microsecond, sorted attributes', () => {
    expect(eventText(event, 0)).toBe('2024-01-01 00:00:00.123456 container start abc123 (image=busybox:latest, name=p-web-1)');
    expect(eventText(event, 90)).toMatch(/^2024-01-01 01:30:00\.123456 /);
  });

  it('--json with Compose’s fields, keys sorted as Go marshals a map, time in RFC 3339 to the nanosecond', () => {
    expect(JSON.parse(eventJson(event, 0))).toEqual({
      action: 'start',
      attributes: { image: 'busybox:latest', name: 'p-web-1' },
      id: 'abc123',
      service: 'web',
      time: '2024-01-01T00:00:00.123456789Z',
      type: 'container',
    });
    expect(eventJson(event, 0).startsWith('{"action":"start","attributes":{"image"')).toBe(true);
  });

  it('drops trailing zeros of the fraction and writes a zone offset, as Go does', () => {
    expect(JSON.parse(eventJson({ ...event, timeNano: '1704067200500000000' }, -300)).time).toBe('2023-12-31T19:00:00.5-05:00');
    expect(JSON.parse(eventJson({ ...event, timeNano: '1704067200000000000' }, 0)).time).toBe('2024-01-01T00:00:00Z');
  });
});
