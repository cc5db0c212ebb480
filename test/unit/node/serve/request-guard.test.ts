import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { RequestGuard } from '../../../../electron/serve/request-guard';

const TOKEN = 'tok_0123456789abcdef';
const guard = new RequestGuard(() => 4100, TOKEN);

function request(url: string, headers: Record<string, string>): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.url = url;
  req.headers = headers;
  return req;
}

describe('RequestGuard', () => {
  it('answers only to 127.0.0.1:PORT and localhost:PORT, in any case', () => {
    expect(guard.checkHost(request('/', { host: '127.0.0.1:4100' }))).toBeUndefined();
    expect(guard.checkHost(request('/', { host: 'LOCALHOST:4100' }))).toBeUndefined();
    for (const host of ['evil.example:4100', '127.0.0.1:4101', '127.0.0.1', 'localhost', '[::1]:4100', '127.0.0.1:4100.evil.example', '']) {
      expect(guard.checkHost(request('/', { host }))).toEqual({ status: 421, reason: 'Misdirected Request: unknown Host' });
    }
    expect(guard.checkHost(request('/', {}))).toMatchObject({ status: 421 });
  });

  it('lets an upgrade to /api through with the right Host, Origin and token', () => {
    expect(guard.checkUpgrade(request(`/api?token=${TOKEN}`, { host: '127.0.0.1:4100', origin: 'http://127.0.0.1:4100' }))).toBeUndefined();
    expect(guard.checkUpgrade(request(`/api?token=${TOKEN}`, { host: 'localhost:4100', origin: 'http://localhost:4100' }))).toBeUndefined();
    // A client without Origin (a script) still needs the token.
    expect(guard.checkUpgrade(request(`/api?token=${TOKEN}`, { host: '127.0.0.1:4100' }))).toBeUndefined();
  });

  it.each([
    ['a foreign Host', `/api?token=${TOKEN}`, { host: 'evil.example:4100' }, 421],
    ['another path', `/other?token=${TOKEN}`, { host: '127.0.0.1:4100' }, 404],
    ['a path that only starts with /api', `/api/x?token=${TOKEN}`, { host: '127.0.0.1:4100' }, 404],
    ['a foreign Origin', `/api?token=${TOKEN}`, { host: '127.0.0.1:4100', origin: 'http://evil.example' }, 403],
    ['an Origin on another port', `/api?token=${TOKEN}`, { host: '127.0.0.1:4100', origin: 'http://127.0.0.1:4101' }, 403],
    ['an https Origin', `/api?token=${TOKEN}`, { host: '127.0.0.1:4100', origin: 'https://127.0.0.1:4100' }, 403],
    ['the "null" Origin', `/api?token=${TOKEN}`, { host: '127.0.0.1:4100', origin: 'null' }, 403],
    ['no token', '/api', { host: '127.0.0.1:4100' }, 401],
    ['an empty token', '/api?token=', { host: '127.0.0.1:4100' }, 401],
    ['a wrong token of the same length', `/api?token=${TOKEN.slice(0, -1)}X`, { host: '127.0.0.1:4100' }, 401],
    ['a token with a suffix', `/api?token=${TOKEN}x`, { host: '127.0.0.1:4100' }, 401],
    ['a prefix of the token', `/api?token=${TOKEN.slice(0, 4)}`, { host: '127.0.0.1:4100' }, 401],
  ])('refuses an upgrade with %s', (_what, url, headers, status) => {
    expect(guard.checkUpgrade(request(url, headers))?.status).toBe(status);
  });

  it('compares tokens exactly', () => {
    expect(guard.tokenMatches(TOKEN)).toBe(true);
    expect(guard.tokenMatches(null)).toBe(false);
    expect(guard.tokenMatches('')).toBe(false);
    expect(guard.tokenMatches(TOKEN.toUpperCase())).toBe(false);
  });
});
