import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../../../electron/serve/static-files';
import { listenOnLoopback, rawRequest } from './raw-http';

/**
 * The static file server behind `slipway serve`, driven with raw request lines: paths a
 * URL parser would have normalised before they reach the check (`..`, `%2f`, `%5c`, a
 * sibling folder whose name starts like the root's) must all end in 404.
 */
let base: string;
let server: { port: number; close(): Promise<void> };

beforeAll(async () => {
  base = mkdtempSync(path.join(tmpdir(), 'sw-static-'));
  const root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  mkdirSync(path.join(base, 'renderer-secrets'));
  writeFileSync(path.join(root, 'index.html'), '<p>dashboard</p>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(base, 'package.json'), '{"secret": true}');
  writeFileSync(path.join(base, 'renderer-secrets', 'key.txt'), 'secret');
  server = await listenOnLoopback((req, res) => void serveStatic(root, req, res, { 'X-Test': 'yes' }));
});

afterAll(async () => {
  await server.close();
  rmSync(base, { recursive: true, force: true });
});

describe('serveStatic', () => {
  it('serves index.html for / and files with their type and cache policy', async () => {
    const index = await rawRequest(server.port, '/');
    expect(index).toMatchObject({ status: 200, body: '<p>dashboard</p>', headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-test': 'yes' } });
    const asset = await rawRequest(server.port, '/assets/app.js');
    expect(asset).toMatchObject({ status: 200, headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' } });
  });

  it.each([
    '/..%2fpackage.json',
    '/..%2f..%2fpackage.json',
    '/%2e%2e%2fpackage.json',
    '/assets/..%2f..%2fpackage.json',
    '/..%5cpackage.json',
    '/..%2frenderer-secrets%2fkey.txt',
    '/../package.json',
    '/assets/../../package.json',
  ])('answers 404 to %s, never a file outside the root', async (target) => {
    const answer = await rawRequest(server.port, target);
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain('secret');
    expect(answer.headers['x-test']).toBe('yes');
  });

  it('answers 400 to a path that does not decode, 404 to a folder, 405 to other methods', async () => {
    expect((await rawRequest(server.port, '/%E0%A4%A')).status).toBe(400);
    expect((await rawRequest(server.port, '/assets')).status).toBe(404);
    expect((await rawRequest(server.port, '/index.html', 'POST')).status).toBe(405);
    const head = await rawRequest(server.port, '/index.html', 'HEAD');
    expect(head).toMatchObject({ status: 200, body: '', headers: { 'content-length': '16' } });
  });
});
