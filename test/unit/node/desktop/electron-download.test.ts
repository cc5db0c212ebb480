import net from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';

/**
 * `npm start` on a network that drops packets: before fetching the Electron binary it checks
 * that the release server answers within a short timeout, says what it is doing, and gives a
 * reason to fall back to browser mode instead of waiting on the download for minutes.
 */
const root = path.resolve(import.meta.dirname, '..', '..', '..', '..');
type Check = (env: Record<string, string | undefined>, log: (line: string) => void, timeoutMs?: number) => Promise<{ ok: boolean; reason?: string }>;
const moduleSchema = z.object({ checkElectronDownload: z.custom<Check>((value) => typeof value === 'function') });
const load = async () => moduleSchema.parse(await import(pathToFileURL(path.join(root, 'scripts', 'electron-download.mjs')).href));

const servers: net.Server[] = [];
const accepted: net.Socket[] = [];
afterEach(async () => {
  for (const socket of accepted.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A server on 127.0.0.1 that accepts connections and never says a word (a TLS handshake never completes). */
async function silentServer(): Promise<{ port: number; sockets: net.Socket[] }> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => {
    sockets.push(socket);
    accepted.push(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, sockets };
}

describe('npm start: the Electron download on a network that does not answer', () => {
  it('says what it is checking, gives up on a server that never answers, and says why', async () => {
    const { checkElectronDownload } = await load();
    const { port, sockets } = await silentServer();
    const lines: string[] = [];
    const result = await checkElectronDownload({ ELECTRON_MIRROR: `https://127.0.0.1:${port}/electron/` }, (line) => lines.push(line), 200);
    expect(sockets.length).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/Electron binary is missing; checking that 127\.0\.0\.1 answers/)]);
    expect(result).toEqual({ ok: false, reason: `127.0.0.1:${port} did not answer within 0.2 s` });
  });

  it('names the error when nothing listens', async () => {
    const { checkElectronDownload } = await load();
    const { port } = await silentServer();
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const result = await checkElectronDownload({ ELECTRON_MIRROR: `https://127.0.0.1:${port}/` }, () => undefined, 5000);
    expect(result).toEqual({ ok: false, reason: `could not connect to 127.0.0.1:${port} (ECONNREFUSED)` });
  });

  it('lets the download start when the server answers (a plain http mirror that accepts)', async () => {
    const { checkElectronDownload } = await load();
    const { port } = await silentServer();
    const result = await checkElectronDownload({ ELECTRON_MIRROR: `http://127.0.0.1:${port}/` }, () => undefined, 5000);
    expect(result).toEqual({ ok: true });
  });
});
