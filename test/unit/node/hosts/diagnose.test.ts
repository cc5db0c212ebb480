import { describe, expect, it } from 'vitest';
import { diagnoseConnectionError } from '../../../../electron/core/docker/diagnose';
import type { ResolvedHost } from '../../../../electron/core/docker/resolve-host';

const unix: ResolvedHost = { url: 'unix:///var/run/docker.sock', source: 'default socket', tls: false, scheme: 'unix' };
const tls: ResolvedHost = { url: 'tcp://10.0.0.5:2376', source: 'context team', tls: true, tlsVerify: true, scheme: 'tcp', tlsFiles: { ca: '/c/ca.pem' } };
const ssh: ResolvedHost = { url: 'ssh://me@build', source: 'DOCKER_HOST', tls: false, scheme: 'ssh' };

const err = (code: string, message = code): Error => Object.assign(new Error(message), { code });

describe('diagnoseConnectionError', () => {
  it('gives the docker-group fix for a socket permission error', () => {
    const e = diagnoseConnectionError(unix, err('EACCES', 'connect EACCES /var/run/docker.sock'));
    expect(e.code).toBe('docker_socket_permission');
    expect(e.message).toContain('unix:///var/run/docker.sock (from default socket)');
    expect(e.hint).toContain('sudo usermod -aG docker $USER');
    expect(e.hint).toMatch(/log out and in again/);
  });

  it('says no engine runs for a missing socket or a refused connection', () => {
    expect(diagnoseConnectionError(unix, err('ENOENT')).code).toBe('docker_not_running');
    const refused = diagnoseConnectionError(tls, err('ECONNREFUSED'));
    expect(refused.message).toMatch(/connection refused/);
    expect(refused.message).not.toMatch(/at Object|\n/);
  });

  it('explains a foreign CA and a wrong name', () => {
    const foreign = diagnoseConnectionError(tls, err('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'));
    expect(foreign.code).toBe('docker_tls_verify');
    expect(foreign.hint).toContain('/c/ca.pem');
    expect(diagnoseConnectionError(tls, err('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames")).hint).toMatch(/subjectAltName/);
    expect(diagnoseConnectionError(tls, err('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'alert certificate required')).code).toBe('docker_tls_rejected');
  });

  it('sorts SSH failures: auth, host key, missing docker, unreachable', () => {
    const ssherr = (message: string): Error => err('ESSH', message);
    expect(diagnoseConnectionError(ssh, ssherr('me@build: Permission denied (publickey).')).code).toBe('docker_ssh_auth');
    expect(diagnoseConnectionError(ssh, ssherr('Host key verification failed.')).code).toBe('docker_ssh_host_key');
    const changed = diagnoseConnectionError({ ...ssh, url: 'ssh://me@build:2222' }, ssherr('@@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! @@@'));
    expect(changed).toMatchObject({ code: 'docker_ssh_host_key' });
    expect(changed.hint).toContain("ssh-keygen -R '[build]:2222'");
    expect(changed.hint).toContain('ssh -p 2222 me@build');
    const old = diagnoseConnectionError(ssh, ssherr("docker: 'system dial-stdio' is not a docker command.\nSee 'docker --help'"));
    expect(old.code).toBe('docker_ssh_no_dial_stdio');
    expect(old.hint).toContain('ssh me@build docker system dial-stdio --help');
    // an old CLI answers a subcommand it lacks with the usage of `docker system`, not naming dial-stdio
    expect(diagnoseConnectionError(ssh, ssherr('Usage:  docker system COMMAND; Manage Docker; Commands:;   df          Show docker disk usage')).code).toBe('docker_ssh_no_dial_stdio');
    expect(diagnoseConnectionError(ssh, ssherr('bash: line 1: docker: command not found')).code).toBe('docker_ssh_no_cli');
    expect(diagnoseConnectionError(ssh, ssherr('ssh: connect to host build port 22: Connection refused')).code).toBe('docker_ssh_unreachable');
    expect(diagnoseConnectionError(ssh, ssherr('ssh: Could not resolve hostname build: Name or service not known')).code).toBe('docker_host_unknown');
  });

  it('reports timeouts and unknown errors with the host and a next step', () => {
    const t = diagnoseConnectionError(tls, err('timeout', 'no answer within 100 ms'));
    expect(t.code).toBe('docker_timeout');
    const other = diagnoseConnectionError(unix, 'weird');
    expect(other.message).toContain('unix:///var/run/docker.sock');
    expect(other.hint).toBeTruthy();
  });
});
