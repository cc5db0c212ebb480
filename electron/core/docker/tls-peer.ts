import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import type { ResolvedHost } from './resolve-host';

function commonName(subject: string | undefined): string | undefined {
  return subject ? (/(?:^|\n|,\s*)CN=([^\n,]+)/.exec(subject)?.[1] ?? subject.replace(/\n/g, ', ')) : undefined;
}

/**
 * For a certificate the CA we trust did not sign: who did sign the engine's certificate,
 * and what our CA is — so the user knows which ca.pem they need.
 */
export async function describeCaMismatch(host: ResolvedHost, timeoutMs = 3_000): Promise<string | undefined> {
  if (!host.url.startsWith('tcp://')) return undefined;
  const url = new URL(host.url.replace(/^tcp:/, 'http:'));
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const issuer = await new Promise<string | undefined>((resolve) => {
    const socket = tls.connect({ host: hostname, port: Number(url.port || 2376), rejectUnauthorized: false, ...(net.isIP(hostname) ? {} : { servername: hostname }) });
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    function finish(value: string | undefined): void {
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    }
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      const cn = cert?.issuer?.CN;
      finish(Array.isArray(cn) ? cn.join(', ') : cn);
    });
    socket.once('error', () => finish(undefined));
  });
  if (!issuer) return undefined;
  let ours: string | undefined;
  try {
    if (host.tlsFiles?.ca) ours = commonName(new X509Certificate(readFileSync(host.tlsFiles.ca)).subject);
  } catch {
    ours = undefined;
  }
  return ours ? `the engine's certificate was issued by "${issuer}", but the CA we trust is "${ours}"` : `the engine's certificate was issued by "${issuer}"`;
}
