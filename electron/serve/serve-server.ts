import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { RequestGuard, type Refusal } from './request-guard';
import { securityHeaders } from './security-headers';
import { serveStatic } from './static-files';
import { bridgeClient, type BridgeCore, type BridgeOptions } from './ws-bridge';

export interface ServeOptions extends BridgeOptions {
  core: BridgeCore;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; a random 256-bit one otherwise. */
  token?: string;
}

export interface RunningServe {
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

/** Starts the dashboard server on 127.0.0.1 only: static renderer + WebSocket /api. */
export async function startServe(options: ServeOptions): Promise<RunningServe> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  let port = 0;
  const guard = new RequestGuard(() => port, token);
  const headers = securityHeaders();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const server: Server = createServer((req, res) => {
    const refusal = guard.checkHost(req);
    if (refusal) {
      res.writeHead(refusal.status, { ...headers, 'Content-Type': 'text/plain' }).end(`${refusal.reason}\n`);
      return;
    }
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname === '/api') {
      // /api is only a WebSocket; a plain request gets the same checks, then 426.
      const apiRefusal = guard.checkUpgrade(req);
      const status = apiRefusal?.status ?? 426;
      res.writeHead(status, { ...headers, 'Content-Type': 'text/plain', ...(status === 426 ? { Upgrade: 'websocket' } : {}) }).end(`${apiRefusal?.reason ?? 'Upgrade Required: /api is a WebSocket'}\n`);
      return;
    }
    serveStatic(options.staticDir, req, res, headers).catch(() => {
      if (!res.headersSent) res.writeHead(500, headers);
      res.end();
    });
  });
  // Errors on a socket (a reset mid-upgrade, a write after the peer left) end that socket.
  wss.on('error', () => undefined);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refusal = guard.checkUpgrade(req);
    if (refusal) {
      refuseUpgrade(socket, refusal);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      bridgeClient(ws, options.core, options);
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      // Once listening, an error (say, out of file descriptors on accept) is told, not fatal.
      server.on('error', (error) => console.error(`slipway serve: ${error.message}`));
      resolve();
    });
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
  const text = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 421: 'Misdirected Request' }[refusal.status];
  socket.end(`HTTP/1.1 ${refusal.status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${refusal.reason.length + 1}\r\n\r\n${refusal.reason}\n`);
}
