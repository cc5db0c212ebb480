// Before `npm start` fetches the Electron binary, one short look at its release server: a
// network that drops packets would otherwise hold the download for minutes before failing.
import tls from 'node:tls';
import net from 'node:net';

/** How long the release server (or the proxy) may take to answer before `npm start` gives up on it. */
export const CONNECT_TIMEOUT_MS = 5000;

/**
 * Where the download goes first: the proxy when one is set (HTTPS_PROXY, as @electron/get
 * uses it with ELECTRON_GET_USE_PROXY), else the mirror (ELECTRON_MIRROR) or GitHub.
 */
export function downloadTarget(env) {
  const proxy = env.ELECTRON_GET_USE_PROXY ? env.HTTPS_PROXY ?? env.https_proxy ?? env.GLOBAL_AGENT_HTTPS_PROXY : undefined;
  if (proxy) {
    const url = new URL(proxy);
    return { host: url.hostname, port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)), tls: false };
  }
  const url = new URL(env.ELECTRON_MIRROR ?? env.npm_config_electron_mirror ?? 'https://github.com/electron/electron/releases/download/');
  const secure = url.protocol === 'https:';
  return { host: url.hostname, port: Number(url.port || (secure ? 443 : 80)), tls: secure };
}

/**
 * Connects (and, for https, completes the TLS handshake) within `timeoutMs`. Resolves
 * `{ ok: true }` or `{ ok: false, reason }` with the reason in plain words; never rejects.
 */
export function probe(target, timeoutMs = CONNECT_TIMEOUT_MS) {
  return new Promise((resolve) => {
    const where = `${target.host}:${target.port}`;
    const socket = target.tls
      ? tls.connect({ host: target.host, port: target.port, servername: net.isIP(target.host) ? undefined : target.host })
      : net.connect({ host: target.host, port: target.port });
    const done = (result) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done({ ok: false, reason: `${where} did not answer within ${timeoutMs / 1000} s` }), timeoutMs);
    socket.once(target.tls ? 'secureConnect' : 'connect', () => done({ ok: true }));
    socket.once('error', (error) => done({ ok: false, reason: `could not connect to ${where} (${error.code ?? error.message})` }));
  });
}

/**
 * Says what it is doing, then checks the release server answers: `{ ok: true }` when the
 * download may start, else `{ ok: false, reason }` to fall back to browser mode.
 */
export async function checkElectronDownload(env, log, timeoutMs = CONNECT_TIMEOUT_MS) {
  const target = downloadTarget(env);
  log(`slipway: the Electron binary is missing; checking that ${target.host} answers (up to ${timeoutMs / 1000} s)…`);
  return probe(target, timeoutMs);
}
