import net from 'node:net';

export interface ThrottledProxy {
  /** The port it listens on, on 127.0.0.1 (it picked it: port 0). */
  port: number;
  /** Sends new connections to another port from now on (a server that came back elsewhere). */
  retarget(port: number): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy on loopback that passes what clients send on at about `bytesPerSecond`, so
 * that an upload (a push) is still under way when a test acts. Replies pass unthrottled.
 * When the target goes away, the client's connection ends with it.
 */
export async function throttledProxy(targetPort: number, bytesPerSecond: number): Promise<ThrottledProxy> {
  let target = targetPort;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: '127.0.0.1', port: target });
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => undefined);
    }
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      client.pause();
      const timer = setTimeout(() => client.resume(), (chunk.length / bytesPerSecond) * 1000);
      client.once('close', () => clearTimeout(timer));
    });
    client.on('end', () => upstream.end());
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    retarget: (port) => {
      target = port;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
