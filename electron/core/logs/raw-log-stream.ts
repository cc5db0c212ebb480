import { EventEmitter } from 'node:events';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { z } from 'zod';
import { RoutingModem } from '../docker/routing-modem';

/** The modem settings this module needs, read from dockerode's (untyped) modem. */
const ModemSettings = z.object({
  socketPath: z.unknown().optional(),
  host: z.string().optional().catch(undefined),
  port: z.union([z.number(), z.string()]).optional().catch(undefined),
  protocol: z.string().optional().catch(undefined),
  agent: z.unknown().optional(),
  version: z.string().optional().catch(undefined),
  headers: z.record(z.string(), z.string()).optional().catch(undefined),
});

/** A byte stream of a response body: the shape ContainerLogReader reads. */
export interface BodyStream {
  on(event: 'data', listener: (chunk: Buffer) => void): this;
  on(event: 'end' | 'close', listener: () => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  pause(): void;
  resume(): void;
  destroy(): void;
}

/**
 * GET on the engine over a plain socket (unix, tcp without TLS, or an ssh:// host's
 * connection of its own), the body decoded from HTTP chunked encoding here, a read (up
 * to 64 KiB) at a time. Node's HTTP client turns every chunk Docker flushes — one per log
 * line — into an event of its own, which costs more than the logs themselves. Undefined
 * when the connection needs what only the Docker client knows (TLS); callers then use it.
 */
export function rawGet(docker: Docker, path: string, query: Record<string, string | number | boolean>): Promise<BodyStream> | undefined {
  const modem = ModemSettings.parse(docker.modem);
  let connect: () => Duplex;
  const sshConnection = docker.modem instanceof RoutingModem ? docker.modem.connection : undefined;
  if (sshConnection) {
    connect = sshConnection;
  } else if (typeof modem.socketPath === 'string' && modem.socketPath !== '') {
    const socketPath = modem.socketPath;
    connect = () => net.connect({ path: socketPath });
  } else if (modem.host && (modem.protocol ?? 'http') === 'http' && !modem.agent) {
    const host = modem.host;
    const port = Number(modem.port ?? 2375);
    connect = () => net.connect({ host, port });
  } else {
    return undefined;
  }
  const search = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
  const prefix = modem.version ? `/${modem.version}` : '';
  const extra = Object.entries(modem.headers ?? {}).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  const request = `GET ${prefix}${path}?${search} HTTP/1.1\r\nHost: docker\r\nUser-Agent: slipway\r\n${extra}Connection: close\r\n\r\n`;
  return new Promise((resolve, reject) => {
    const socket = connect();
    // a net.Socket says when it is connected; an ssh connection takes writes at once (it holds them)
    const connecting = socket instanceof net.Socket && socket.connecting;
    const body = new ChunkedBody(socket);
    let head: Buffer = Buffer.alloc(0);
    const onError = (error: Error) => reject(error);
    const onHead = (chunk: Buffer) => {
      head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onHead);
      socket.off('error', onError);
      const headers = head.subarray(0, end).toString('latin1');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(headers)?.[1] ?? 0);
      const rest = head.subarray(end + 4);
      const chunked = /\r\ntransfer-encoding:\s*chunked/i.test(headers);
      if (status !== 200) {
        collectError(socket, rest, chunked, status).then(reject, reject);
        return;
      }
      body.begin(chunked, rest);
      resolve(body);
    };
    socket.on('data', onHead);
    socket.once('error', onError);
    if (connecting) socket.once('connect', () => socket.write(request));
    else socket.write(request);
  });
}

async function collectError(socket: Duplex, rest: Buffer, chunked: boolean, status: number): Promise<Error> {
  const body = new ChunkedBody(socket);
  const parts: Buffer[] = [];
  body.on('data', (c: Buffer) => parts.push(Buffer.from(c)));
  const done = new Promise<void>((resolve) => {
    body.on('end', () => resolve());
    body.on('close', () => resolve());
    body.on('error', () => resolve());
  });
  body.begin(chunked, rest);
  await done;
  socket.destroy();
  const text = Buffer.concat(parts).toString('utf8');
  let message = text.trim();
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string') message = body.message;
  } catch {
    // not JSON: keep the text
  }
  return Object.assign(new Error(`(HTTP code ${status}) ${message}`), { statusCode: status });
}

/** An HTTP/1.1 response body over a socket: chunked transfer decoded, or read to close. */
class ChunkedBody extends EventEmitter implements BodyStream {
  private chunked = false;
  /** Bytes left in the current chunk; -1 while reading a size line. */
  private left = -1;
  private sizeLine = '';
  /** CR LF after a chunk's data still to skip. */
  private trailer = 0;
  private ended = false;

  constructor(private readonly socket: Duplex) {
    super();
  }

  begin(chunked: boolean, first: Buffer): void {
    this.chunked = chunked;
    this.socket.on('data', (chunk: Buffer) => this.take(chunk));
    this.socket.on('end', () => this.whenStarted(() => this.finish()));
    this.socket.on('close', () =>
      this.whenStarted(() => {
        this.finish();
        this.emit('close');
      }),
    );
    this.socket.on('error', (error: Error) => this.emit('error', error));
    // Hold everything until the reader has attached its listeners (see on()).
    this.socket.pause();
    this.first = first;
  }

  private first: Buffer | undefined;
  private flowing = false;
  private started = false;
  private deferred: Array<() => void> = [];

  /** End and close wait until the bytes read with the headers have been handed on. */
  private whenStarted(action: () => void): void {
    if (this.started) action();
    else this.deferred.push(action);
  }

  override on(event: string | symbol, listener: (...args: never[]) => void): this {
    super.on(event, listener as (...args: unknown[]) => void);
    if (event === 'data' && !this.flowing) {
      this.flowing = true;
      setImmediate(() => {
        const first = this.first;
        this.first = undefined;
        if (first && first.length > 0) this.take(first);
        this.started = true;
        for (const action of this.deferred.splice(0)) action();
        if (!this.paused) this.socket.resume();
      });
    }
    return this;
  }

  private paused = false;

  pause(): void {
    this.paused = true;
    this.socket.pause();
  }

  resume(): void {
    this.paused = false;
    if (this.flowing) this.socket.resume();
  }

  destroy(): void {
    this.socket.destroy();
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.emit('end');
  }

  private take(chunk: Buffer): void {
    if (!this.chunked) {
      this.emit('data', chunk);
      return;
    }
    let pos = 0;
    const length = chunk.length;
    while (pos < length) {
      if (this.trailer > 0) {
        const skip = Math.min(this.trailer, length - pos);
        this.trailer -= skip;
        pos += skip;
        continue;
      }
      if (this.left > 0) {
        const end = Math.min(length, pos + this.left);
        this.emit('data', chunk.subarray(pos, end));
        this.left -= end - pos;
        pos = end;
        if (this.left === 0) {
          this.left = -1;
          this.trailer = 2;
        }
        continue;
      }
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) {
        this.sizeLine += chunk.toString('latin1', pos, length);
        return;
      }
      const line = this.sizeLine + chunk.toString('latin1', pos, nl);
      this.sizeLine = '';
      pos = nl + 1;
      const size = parseInt(line, 16);
      if (Number.isNaN(size)) continue;
      if (size === 0) {
        this.finish();
        this.socket.destroy();
        return;
      }
      this.left = size;
    }
  }
}
