import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { ProjectContainer } from '../state/container-record';
import { routeFromHost, type HostRoute } from './host-route';
import { serviceTargets, type ServiceTarget } from './service-targets';

/** The project's service containers, as the engine lists them now. */
export type ContainerLookup = (project: string) => Promise<ProjectContainer[]>;

export interface ServiceProxyOptions {
  lookup: ContainerLookup;
  /** How long a service's targets are reused before asking the engine again (default 1 s). */
  cacheMs?: number;
}

/** Headers that describe one hop, not the message (RFC 9110 §7.6.1), plus the Host we rewrite. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/**
 * `http://SERVICE.PROJECT.localhost:PORT` → the service's published port, on loopback only:
 * plain requests streamed both ways (no buffering), WebSocket and other upgrades tunnelled,
 * replicas taken in turn. A name that is no service, or a service not running, gets a
 * plain-text page saying so and what to do.
 */
export class ServiceProxy {
  private server: http.Server | undefined;
  private readonly turns = new Map<string, number>();
  private readonly cache = new Map<string, { at: number; targets: ServiceTarget[] }>();
  private readonly sockets = new Set<Duplex>();

  constructor(private readonly options: ServiceProxyOptions) {}

  get port(): number | undefined {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : undefined;
  }

  /** Listens on 127.0.0.1:port (0: any free port); resolves with the port it got. */
  async listen(port: number): Promise<number> {
    if (this.server && this.port !== undefined) return this.port;
    const server = http.createServer((req, res) => void this.forward(req, res));
    server.on('upgrade', (req, socket, head) => void this.tunnel(req, socket, head));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    server.on('clientError', (_error, socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', () => undefined);
    this.server = server;
    return this.port ?? port;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async target(route: HostRoute): Promise<ServiceTarget | undefined> {
    const key = `${route.project}/${route.service}/${route.containerPort ?? ''}`;
    const cached = this.cache.get(key);
    const fresh = cached && Date.now() - cached.at < (this.options.cacheMs ?? 1000) ? cached.targets : undefined;
    const targets = fresh ?? serviceTargets(await this.options.lookup(route.project), route.service, route.containerPort);
    if (!fresh) this.cache.set(key, { at: Date.now(), targets });
    if (targets.length === 0) return undefined;
    const turn = this.turns.get(key) ?? 0;
    this.turns.set(key, turn + 1);
    return targets[turn % targets.length];
  }

  private forget(route: HostRoute): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${route.project}/${route.service}/`)) this.cache.delete(key);
  }

  /** A container of this service started, stopped or went away: ask the engine again next time. */
  containerChanged(project: string, service: string): void {
    this.forget({ project, service });
  }

  private async forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const route = routeFromHost(req.headers.host);
    if (!route) return answer(res, 404, notAServiceName(req.headers.host));
    let target: ServiceTarget | undefined;
    try {
      target = await this.target(route);
    } catch (error) {
      return answer(res, 502, `The Docker engine could not be asked about ${route.service} (${error instanceof Error ? error.message : String(error)}).\n`);
    }
    if (!target) return answer(res, 502, notRunning(route));
    const upstream = http.request({ host: target.host, port: target.port, method: req.method, path: req.url, headers: forwardHeaders(req) });
    upstream.on('response', (response) => {
      res.writeHead(response.statusCode ?? 502, response.statusMessage, withoutHopHeaders(response.headers));
      response.pipe(res);
      response.on('error', () => res.destroy());
    });
    upstream.on('error', (error) => {
      this.forget(route);
      if (!res.headersSent) answer(res, 502, `${route.service} (${target.container}) did not answer on 127.0.0.1:${target.port}: ${error.message}.\n`);
      else res.destroy();
    });
    req.on('error', () => upstream.destroy());
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }

  private async tunnel(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const route = routeFromHost(req.headers.host);
    const target = route ? await this.target(route).catch(() => undefined) : undefined;
    if (!route || !target) {
      socket.end(`HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${route ? notRunning(route) : notAServiceName(req.headers.host)}`);
      return;
    }
    const upstream = net.connect(target.port, target.host);
    this.sockets.add(upstream);
    upstream.once('close', () => this.sockets.delete(upstream));
    upstream.on('error', () => {
      this.forget(route);
      socket.destroy();
    });
    socket.on('close', () => upstream.destroy());
    upstream.on('connect', () => {
      const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
  }
}

function forwardHeaders(req: http.IncomingMessage): http.OutgoingHttpHeaders {
  const headers = withoutHopHeaders(req.headers);
  const forwardedFor = req.socket.remoteAddress ?? '127.0.0.1';
  headers['x-forwarded-for'] = forwardedFor;
  headers['x-forwarded-host'] = req.headers.host ?? '';
  headers['x-forwarded-proto'] = 'http';
  if (req.headers.host) headers.host = req.headers.host;
  return headers;
}

function withoutHopHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  const named = new Set((typeof headers.connection === 'string' ? headers.connection : '').split(',').map((h) => h.trim().toLowerCase()));
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name)) continue;
    out[name] = value;
  }
  return out;
}

/** On every answer the proxy makes itself, so another process can tell it is one. */
export const PROXY_HEADER = 'x-slipway-service-proxy';

function answer(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', [PROXY_HEADER]: '1' });
  res.end(text);
}

function notAServiceName(host: string | undefined): string {
  return `${host ?? 'This name'} is not a Slipway service address. Open http://SERVICE.PROJECT.localhost:PORT/ (or PORT-INSIDE.SERVICE.PROJECT.localhost for another published port).\n`;
}

function notRunning(route: HostRoute): string {
  const port = route.containerPort === undefined ? 'a published TCP port' : `port ${route.containerPort} published`;
  return `Service ${route.service} of project ${route.project} has no running container with ${port}. Start it with \`slipway up ${route.service}\` (in the project's folder), and publish its port in compose.yaml (ports: ["127.0.0.1::8080"]).\n`;
}
