import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface CertSet {
  dir: string;
  ca: string;
  serverCert: string;
  serverKey: string;
  /** A folder with ca.pem, cert.pem, key.pem as DOCKER_CERT_PATH expects. */
  clientDir: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A CA, a server certificate for IP:127.0.0.1 and a client certificate, made with openssl. */
export function makeCertificates(dir: string, caName = 'slipway-test-ca'): CertSet {
  mkdirSync(dir, { recursive: true });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-days', '2', '-subj', `/CN=${caName}`], dir);
  writeFileSync(path.join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  writeFileSync(path.join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  openssl(['req', ...ec, '-keyout', 'server-key.pem', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'], dir);
  openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-days', '2', '-out', 'server-cert.pem', '-extfile', 'server.ext'], dir);
  const clientDir = path.join(dir, 'client');
  mkdirSync(clientDir);
  openssl(['req', ...ec, '-keyout', 'client/key.pem', '-out', 'client.csr', '-subj', '/CN=slipway-client'], dir);
  openssl(['x509', '-req', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-days', '2', '-out', 'client/cert.pem', '-extfile', 'client.ext'], dir);
  execFileSync('cp', [path.join(dir, 'ca.pem'), path.join(clientDir, 'ca.pem')]);
  return { dir, ca: path.join(dir, 'ca.pem'), serverCert: path.join(dir, 'server-cert.pem'), serverKey: path.join(dir, 'server-key.pem'), clientDir };
}
