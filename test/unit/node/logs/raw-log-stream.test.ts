import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { afterEach, describe, expect, it } from 'vitest';
import { rawGet } from '../../../../electron/core/logs/raw-log-stream';

let server: net.Server | undefined;
let dir = '';

afterEach(() => {
  server?.close();
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A fake engine on a unix socket that answers with `writes`, each written on its own. */
async function fakeEngine(writes: string[]): Promise<{ docker: Docker; requests: string[] }> {
  dir = mkdtempSync(path.join(tmpdir(), 'swraw-'));
  const socketPath = path.join(dir, 's.sock');
  const requests: string[] = [];
  server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', async (d: Buffer) => {
      requests.push(d.toString());
      for (const w of writes) {
        socket.write(w);
        await new Promise((resolve) => setImmediate(resolve));
      }
      socket.end();
    });
  });
  await new Promise<void>((resolve) => server?.listen(socketPath, resolve));
  return { docker: new Docker({ socketPath }), requests };
}

async function readAll(docker: Docker): Promise<string> {
  const stream = await rawGet(docker, '/containers/x/logs', { stdout: true, tail: 5 });
  if (!stream) throw new Error('no raw path');
  let body = '';
  stream.on('data', (c: Buffer) => (body += c.toString()));
  await new Promise<void>((resolve) => stream.on('end', () => resolve()));
  return body;
}

describe('rawGet (the plain-socket log reader)', () => {
  it('decodes a chunked body cut anywhere, including the bytes that came with the headers', async () => {
    const chunks = ['hello ', 'chunked ', 'world\n'];
    const encoded = chunks.map((c) => `${c.length.toString(16)}\r\n${c}\r\n`).join('') + '0\r\n\r\n';
    const head = 'HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n';
    const all = head + encoded;
    const writes = [all.slice(0, head.length + 7), ...all.slice(head.length + 7).split('')];
    const { docker, requests } = await fakeEngine(writes);
    expect(await readAll(docker)).toBe('hello chunked world\n');
    expect(requests[0]).toMatch(/^GET \/containers\/x\/logs\?stdout=true&tail=5 HTTP\/1\.1\r\n/);
  });

  it('reads a body that all arrives with the headers', async () => {
    const { docker } = await fakeEngine(['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n']);
    expect(await readAll(docker)).toBe('abc');
  });

  it('reads a body without chunked encoding to the end', async () => {
    const { docker } = await fakeEngine(['HTTP/1.1 200 OK\r\n\r\nplain', ' body']);
    expect(await readAll(docker)).toBe('plain body');
  });

  it('turns an error status into an error with the engine message', async () => {
    const { docker } = await fakeEngine(['HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 33\r\n\r\n{"message":"No such container: x"}']);
    await expect(rawGet(docker, '/containers/x/logs', {})).rejects.toThrow(/404.*No such container: x/);
  });

  it('leaves TLS and SSH connections to the Docker client', () => {
    expect(rawGet(new Docker({ host: 'h', port: 2376, protocol: 'https' }), '/x', {})).toBeUndefined();
  });
});
