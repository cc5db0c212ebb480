import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { testEnv } from '../support/engine';
import { maskedFrame, rawGet, rawUpgrade, rawWebSocket } from './support/raw-requests';
import { startServeProcess, type ServeProcess } from './support/serve-process';

describe('slipway serve refuses hostile requests', () => {
  let served: ServeProcess;
  let dir: string;

  beforeAll(async () => {
    // An empty folder: serve starts without a project (the dashboard offers to open one).
    dir = mkdtempSync(path.join(tmpdir(), 'slipway-serve-'));
    served = await startServeProcess({ cwd: dir, env: testEnv({ HOME: dir }) });
  });

  afterAll(async () => {
    await served?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints a 127.0.0.1 link with a token of at least 128 bits', () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
    expect(Buffer.from(served.token, 'base64url').length).toBeGreaterThanOrEqual(16);
  });

  it('serves the dashboard with security headers to 127.0.0.1 and localhost', async () => {
    for (const host of [`127.0.0.1:${served.port}`, `localhost:${served.port}`]) {
      const res = await rawGet(served.port, '/', host);
      expect(res.status).toBe(200);
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('answers 421 to any request whose Host is not 127.0.0.1:PORT or localhost:PORT', async () => {
    for (const host of ['evil.example', `evil.example:${served.port}`, `127.0.0.1:${served.port + 1}`, '127.0.0.1', `[::1]:${served.port}`]) {
      expect((await rawGet(served.port, '/', host)).status, host).toBe(421);
    }
    const good = { origin: served.origin };
    expect(await rawUpgrade(served.port, `/api?token=${served.token}`, { ...good, host: `rebind.example:${served.port}` })).toBe(421);
  });

  it('answers 401 to an upgrade without a token or with a wrong one', async () => {
    const host = `127.0.0.1:${served.port}`;
    expect(await rawUpgrade(served.port, '/api', { host, origin: served.origin })).toBe(401);
    expect(await rawUpgrade(served.port, '/api?token=', { host, origin: served.origin })).toBe(401);
    expect(await rawUpgrade(served.port, `/api?token=${served.token}x`, { host, origin: served.origin })).toBe(401);
    expect(await rawUpgrade(served.port, `/api?token=${'A'.repeat(served.token.length)}`, { host, origin: served.origin })).toBe(401);
  });

  it('gives a plain request to /api the same checks', async () => {
    const host = `127.0.0.1:${served.port}`;
    expect((await rawGet(served.port, '/api', host)).status).toBe(401);
    expect((await rawGet(served.port, '/api?token=wrong', host)).status).toBe(401);
    expect((await rawGet(served.port, `/api?token=${served.token}`, `evil.example:${served.port}`)).status).toBe(421);
    expect((await rawGet(served.port, `/api?token=${served.token}`, host, 'http://evil.example')).status).toBe(403);
    expect((await rawGet(served.port, `/api?token=${served.token}`, host)).status).toBe(426);
  });

  it('answers 403 to an upgrade from another Origin, even with the token', async () => {
    const host = `127.0.0.1:${served.port}`;
    for (const origin of ['http://evil.example', `http://evil.example:${served.port}`, `https://127.0.0.1:${served.port}`, `http://127.0.0.1:${served.port + 1}`, 'null']) {
      expect(await rawUpgrade(served.port, `/api?token=${served.token}`, { host, origin }), origin).toBe(403);
    }
  });

  it('accepts the served origin with the token, and bridges calls as envelopes', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${served.port}/api?token=${served.token}`, { origin: served.origin });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const answers = new Map<number, unknown>();
    const answered = new Promise<void>((resolve) => {
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString()) as { type: string; id: number; envelope: unknown };
        if (message.type === 'result') answers.set(message.id, message.envelope);
        if (answers.size === 3) resolve();
      });
    });
    ws.send(JSON.stringify({ type: 'call', id: 1, name: 'projects.list', input: {} }));
    ws.send(JSON.stringify({ type: 'call', id: 2, name: 'no.such.call', input: {} }));
    ws.send(JSON.stringify({ type: 'call', id: 3, name: 'projects.open', input: { path: 42 } }));
    await answered;
    ws.close();
    expect(answers.get(1)).toEqual({ ok: true, value: [] });
    expect(answers.get(2)).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    expect(answers.get(3)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('does not serve files outside the built renderer', async () => {
    const host = `127.0.0.1:${served.port}`;
    // http.request sends the path as written: these reach the server's own check, not a
    // URL parser on this side (the built renderer is two folders below package.json).
    for (const target of ['/..%2f..%2fpackage.json', '/assets/..%2f..%2f..%2fpackage.json', '/%2e%2e%2f%2e%2e%2fpackage.json', '/..%5c..%5cpackage.json', '/../package.json', '/%2e%2e/%2e%2e/package.json']) {
      const answer = await rawGet(served.port, target, host);
      expect({ target, status: answer.status }).toEqual({ target, status: 404 });
      expect(answer.body).not.toContain('"name": "slipway"');
    }
  });

  it('closes only the connection that sends what it refuses; the server and other clients carry on', async () => {
    const host = `127.0.0.1:${served.port}`;
    const api = `/api?token=${served.token}`;
    const open = async () => {
      const ws = new WebSocket(`ws://${host}${api}`, { origin: served.origin });
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      return ws;
    };
    const closeOf = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    const other = await open();

    const big = await open();
    const bigClosed = closeOf(big);
    big.on('error', () => undefined);
    big.send(JSON.stringify({ type: 'call', id: 1, name: 'projects.list', input: 'x'.repeat(1024 * 1024 + 1) }));
    expect(await bigClosed).toBe(1009);

    const garbage = await rawWebSocket(served.port, api, host);
    garbage.socket.write(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x01, 0x02, 0x03]));
    expect(await garbage.closeCode).toBe(1002);

    const badUtf8 = await rawWebSocket(served.port, api, host);
    badUtf8.socket.write(maskedFrame(Buffer.from([0xc3, 0x28, 0xa0, 0xa1])));
    expect(await badUtf8.closeCode).toBe(1007);

    const notJson = await open();
    const notJsonClosed = closeOf(notJson);
    notJson.send('{"type": "call", "id": 1,');
    expect(await notJsonClosed).toBe(1007);

    const answer = new Promise<unknown>((resolve) => other.on('message', (data) => resolve(JSON.parse(data.toString()))));
    other.send(JSON.stringify({ type: 'call', id: 7, name: 'projects.list', input: {} }));
    expect(await answer).toMatchObject({ type: 'result', id: 7, envelope: { ok: true } });
    expect(served.child.exitCode).toBeNull();
    other.close();
  });
});
