import { describe, expect, it } from 'vitest';
import { formatUptime, isReady, portLink, stateTone, stateWord } from '../../../renderer/src/store/service-state';

describe('service state words', () => {
  it('uses the state feed word, with the exit code for exited', () => {
    expect(stateWord(undefined)).toBe('stopped');
    expect(stateWord({ service: 'a', state: 'healthy', containers: [] })).toBe('healthy');
    expect(stateWord({ service: 'a', state: 'exited', exitCode: 2, containers: [] })).toBe('exited (2)');
    expect(stateWord({ service: 'a', state: 'completed', exitCode: 0, containers: [] })).toBe('completed');
  });

  it('calls running, healthy and completed ready, and gives each word a tone', () => {
    expect(['running', 'healthy', 'completed'].every(isReady)).toBe(true);
    expect(['starting', 'unhealthy', 'created', 'stopped', 'exited (1)'].some(isReady)).toBe(false);
    expect(stateTone('unhealthy')).toBe('bad');
    expect(stateTone('exited (1)')).toBe('bad');
    expect(stateTone('starting')).toBe('busy');
    expect(stateTone('stopped')).toBe('idle');
  });

  it('links published HTTP ports only', () => {
    expect(portLink({ target: 8080, published: 32768, hostIp: '127.0.0.1', protocol: 'tcp' })).toBe('http://127.0.0.1:32768/');
    expect(portLink({ target: 80, published: 8000, hostIp: '0.0.0.0', protocol: 'tcp' })).toBe('http://127.0.0.1:8000/');
    expect(portLink({ target: 5432, published: 5432, protocol: 'tcp' })).toBeUndefined();
    expect(portLink({ target: 8080, protocol: 'tcp' })).toBeUndefined();
    expect(portLink({ target: 8080, published: 8080, protocol: 'udp' })).toBeUndefined();
  });

  it('formats uptime', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(formatUptime('2026-01-01T11:59:30Z', now)).toBe('30s');
    expect(formatUptime('2026-01-01T11:58:00Z', now)).toBe('2m 0s');
    expect(formatUptime('2026-01-01T09:30:00Z', now)).toBe('2h 30m');
    expect(formatUptime(undefined, now)).toBe('—');
    expect(formatUptime('0001-01-01T00:00:00Z', now)).toBe('—');
  });
});
