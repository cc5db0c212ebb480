import { SlipwayError, isSlipwayError } from '../../../shared/errors';
import type { ResolvedHost } from './resolve-host';

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  statusCode?: unknown;
  reason?: unknown;
  json?: unknown;
}

const TLS_VERIFY_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Turns a failure to reach an engine into one SlipwayError that names the host, says
 * what went wrong in words a new user can act on, and gives the fix. Never a stack.
 */
export function diagnoseConnectionError(host: ResolvedHost, error: unknown): SlipwayError {
  if (isSlipwayError(error)) return error;
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike;
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : String(error);
  const where = `${host.url} (from ${host.source})`;
  const socket = host.url.startsWith('unix://') ? host.url.slice('unix://'.length) : undefined;
  const make = (c: string, what: string, hint: string): SlipwayError => new SlipwayError(c, `Cannot reach the Docker engine at ${where}: ${what}`, hint);

  if (code === 'ESSH') return sshFailure(host, where, message);
  if (code === 'EACCES' || code === 'EPERM') {
    return make(
      'docker_socket_permission',
      `permission denied on the socket${socket ? ` ${socket}` : ''}`,
      'Add yourself to the docker group: `sudo usermod -aG docker $USER`, then log out and in again (or run `newgrp docker`).',
    );
  }
  if (code === 'ENOENT' && socket) {
    return make('docker_not_running', `the socket ${socket} does not exist: no engine is running there`, startHint(host));
  }
  if (code === 'ECONNREFUSED') {
    return make('docker_not_running', socket ? 'connection refused: the socket exists but no engine listens on it' : 'connection refused: nothing listens on that address', startHint(host));
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return make('docker_host_unknown', 'the host name does not resolve', 'Check the host name in DOCKER_HOST or the context (`slipway hosts`).');
  }
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'timeout') {
    return make('docker_timeout', 'no answer (timed out)', 'Check that the host is up and reachable (VPN, firewall), and that the engine listens on that port.');
  }
  if (TLS_VERIFY_CODES.has(code) || /certificate|self[- ]signed/i.test(message) && !/required|bad certificate|unknown ca/i.test(message)) {
    const altName = code === 'ERR_TLS_CERT_ALTNAME_INVALID';
    return make(
      'docker_tls_verify',
      altName
        ? `TLS verification failed: the engine's certificate is not for this address (${message})`
        : `TLS verification failed: the engine's certificate is not signed by the CA we trust (${code || message})`,
      altName
        ? 'Reach the engine by a name or IP its certificate lists (its subjectAltName), or reissue the server certificate.'
        : `Use the ca.pem of the CA that signed the engine's certificate${host.tlsFiles?.ca ? ` (now ${host.tlsFiles.ca})` : ''}: set DOCKER_CERT_PATH or fix the context's TLS files.`,
    );
  }
  if (/alert|handshake|ERR_SSL|wrong version number|packet length too long|unknown ca|bad certificate|certificate required/i.test(`${code} ${message}`)) {
    if (/wrong version number|packet length too long/i.test(message)) {
      return make('docker_tls_mismatch', 'the engine does not speak TLS on that port', 'Unset DOCKER_TLS_VERIFY (or use the engine\'s TLS port, usually 2376).');
    }
    return make(
      'docker_tls_rejected',
      `the engine refused our TLS client certificate (${message.replace(/^.*?:\s*/, '').slice(0, 160)})`,
      'Use a client certificate (cert.pem, key.pem) signed by the CA the engine trusts (its --tlscacert).',
    );
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(message)) {
    return make(
      'docker_connection_reset',
      host.tls ? 'the connection was closed during the TLS handshake (the engine may require a client certificate)' : 'the connection was closed (does that port speak TLS? then set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH)',
      host.tls ? 'Check the client certificate and that it is signed by the CA the engine trusts.' : 'If the engine listens with --tlsverify, set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to the certificates.',
    );
  }
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status === 400 && /HTTP request to an HTTPS server/i.test(`${message} ${typeof e.json === 'string' ? e.json : ''}`)) {
    return make('docker_tls_required', 'the engine speaks TLS on that port and we spoke plain HTTP', 'Set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to the folder with ca.pem, cert.pem and key.pem.');
  }
  if (status !== undefined) {
    return make('docker_http_error', `the engine answered HTTP ${status} (${firstLine(message)})`, 'Check that this address is a Docker engine API endpoint.');
  }
  return make('docker_unreachable', firstLine(message) || 'unknown error', startHint(host));
}

function sshFailure(host: ResolvedHost, where: string, message: string): SlipwayError {
  const make = (code: string, what: string, hint: string): SlipwayError => new SlipwayError(code, `Cannot reach the Docker engine at ${where} over SSH: ${what}`, hint);
  const { login, hostName } = sshLogin(host.url);
  if (/permission denied|too many authentication failures|authentication/i.test(message)) {
    return make('docker_ssh_auth', `SSH authentication failed (${firstLine(message)})`, `Make sure \`${login}\` logs in without a password: add your key with \`${login.replace(/^ssh /, 'ssh-copy-id ')}\` or load it with \`ssh-add\`.`);
  }
  if (/host key verification failed|remote host identification has changed/i.test(message)) {
    if (/has changed|identification has changed/i.test(message)) {
      return make('docker_ssh_host_key', `the host key has changed (${firstLine(message)})`, `If the host was reinstalled, forget its old key with \`ssh-keygen -R ${hostName}\`, then accept the new one with \`${login}\`.`);
    }
    return make('docker_ssh_host_key', `the host key is unknown (${firstLine(message)})`, `Connect once with \`${login}\` to check and accept its host key.`);
  }
  if (/could not resolve hostname/i.test(message)) {
    return make('docker_host_unknown', firstLine(message), 'Check the host name in DOCKER_HOST or the context.');
  }
  if (/connection refused|timed out|no route to host/i.test(message)) {
    return make('docker_ssh_unreachable', firstLine(message), 'Check that sshd runs on that host and port, and that it is reachable.');
  }
  // an old CLI prints the usage of `docker system` (its subcommands, without dial-stdio) for a subcommand it lacks
  if ((/dial-stdio/i.test(message) && /not a docker command|unknown command|unknown flag|usage/i.test(message)) || /usage:\s+docker system COMMAND|unknown command: docker system/i.test(message)) {
    return make('docker_ssh_no_dial_stdio', `the remote \`docker\` has no \`system dial-stdio\` (${firstLine(message)})`, `Update the Docker CLI on the remote host to 18.09 or newer; \`${login} docker system dial-stdio --help\` must work.`);
  }
  if (/docker: (command )?not found|command not found|no such file/i.test(message)) {
    return make('docker_ssh_no_cli', `the remote host has no \`docker\` command (${firstLine(message)})`, 'Install the Docker CLI on the remote host (`docker system dial-stdio` must work there).');
  }
  if (/cannot connect to the docker daemon|permission denied while trying to connect/i.test(message)) {
    return make('docker_ssh_remote_engine', firstLine(message), 'On the remote host: start the engine, and make sure your user may use it (docker group).');
  }
  if (/ENOENT|spawn ssh/i.test(message)) {
    return make('docker_ssh_missing', 'the `ssh` program is not installed here', 'Install OpenSSH client (e.g. `sudo apt install openssh-client`).');
  }
  return make('docker_ssh_failed', firstLine(message), `Try \`${login} docker version\` to see what fails.`);
}

/** `ssh [-p PORT] [USER@]HOST`, as the user would type it to try the connection by hand. */
function sshLogin(url: string): { login: string; hostName: string } {
  try {
    const parsed = new URL(url);
    const hostName = parsed.hostname.replace(/^\[|\]$/g, '');
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return { login: `ssh ${parsed.port ? `-p ${parsed.port} ` : ''}${user}${hostName}`, hostName: parsed.port ? `'[${hostName}]:${parsed.port}'` : hostName };
  } catch {
    return { login: `ssh ${url.replace(/^ssh:\/\//, '')}`, hostName: url };
  }
}

function startHint(host: ResolvedHost): string {
  if (host.url.startsWith('unix://')) {
    return process.platform === 'darwin'
      ? 'Start your Docker VM (e.g. `colima start`, open Docker Desktop or OrbStack), or see `slipway hosts`.'
      : 'Start the engine: `sudo systemctl start docker` (rootless: `systemctl --user start docker`), or see `slipway hosts`.';
  }
  return 'Start the engine on that host, or check DOCKER_HOST / the docker context (`slipway hosts`).';
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim().slice(0, 300);
}
