import http from 'node:http';
import { randomBytes } from 'node:crypto';

/** A plain GET to 127.0.0.1:port with any Host header; resolves status and headers. */
export function rawGet(port: number, pathname: string, host: string, origin?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method: 'GET', headers: { Host: host, ...(origin ? { Origin: origin } : {}) } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A raw WebSocket upgrade: resolves 101 when accepted, else the refusal's status. */
export function rawUpgrade(port: number, pathname: string, headers: { host: string; origin?: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      path: pathname,
      headers: {
        Host: headers.host,
        ...(headers.origin ? { Origin: headers.origin } : {}),
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * An accepted WebSocket upgrade as a bare socket, to write frames no client library
 * would send. Resolves the socket and a promise of the close code the server sends.
 */
export function rawWebSocket(port: number, pathname: string, host: string): Promise<{ socket: import('node:net').Socket; closeCode: Promise<number | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      path: pathname,
      headers: { Host: host, Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': randomBytes(16).toString('base64') },
    });
    req.on('upgrade', (_res, socket) => {
      socket.on('error', () => undefined);
      const closeCode = new Promise<number | undefined>((done) => {
        let seen = Buffer.alloc(0);
        socket.on('data', (chunk: Buffer) => {
          seen = Buffer.concat([seen, chunk]);
          // A server frame is unmasked: byte 0 = FIN|opcode, byte 1 = length, then the body.
          if (seen.length >= 4 && (seen[0]! & 0x0f) === 0x8) done(seen.readUInt16BE(2));
        });
        socket.on('close', () => done(undefined));
      });
      resolve({ socket, closeCode });
    });
    req.on('response', (res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    req.on('error', reject);
    req.end();
  });
}

/** A masked client frame (text by default) with the given payload. */
export function maskedFrame(payload: Buffer, opcode = 0x1): Buffer {
  if (payload.length > 125) throw new Error('maskedFrame builds short frames only');
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | payload.length]), mask, body]);
}
