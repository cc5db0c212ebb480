/**
 * A forwarding proxy for the Docker API on a private unix socket that counts (and can
 * save) the request body of POST /build — the build context exactly as a client sent it.
 */
import fs from 'node:fs';
import http from 'node:http';

export function startContextProxy(socketPath, targetSocket, saveTo) {
  const captured = [];
  const server = http.createServer((req, res) => {
    const isBuild = req.method === 'POST' && /\/build(\?|$)/.test(req.url ?? '');
    const upstream = http.request({ socketPath: targetSocket, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    if (isBuild) {
      let bytes = 0;
      const file = saveTo ? fs.createWriteStream(`${saveTo}.${captured.length}.tar`) : undefined;
      const record = { bytes: 0, file: file?.path };
      captured.push(record);
      req.on('data', (chunk) => {
        bytes += chunk.length;
        record.bytes = bytes;
        file?.write(chunk);
      });
      req.on('end', () => file?.end());
    }
    req.pipe(upstream);
  });
  return new Promise((resolve) => {
    try { fs.unlinkSync(socketPath); } catch { /* absent */ }
    server.listen(socketPath, () => resolve({ captured, close: () => new Promise((r) => server.close(() => r())) }));
  });
}
