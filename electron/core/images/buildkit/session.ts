import { createHash, randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { HEALTH_PROTO } from './proto/health-proto';
import { authService, type CredentialsLookup } from './session-auth';
import { secretsService, type SecretSource } from './session-secrets';
import type { SyncedDir } from './folder-walk';
import { fileSyncService } from './session-filesync';
import { sshService } from './session-ssh';
import { grpc, serviceDefinition } from './grpc-services';

export interface SessionOptions {
  /** For the shared key (as the CLI derives it from the context folder). */
  contextDir: string;
  credentials: CredentialsLookup;
  secrets: ReadonlyMap<string, SecretSource>;
  /** ssh id → agent socket path. */
  ssh: ReadonlyMap<string, string>;
  /** The folders the engine syncs (build context, Dockerfile), by name. */
  dirs: ReadonlyMap<string, SyncedDir>;
}

export interface BuildSession {
  /** The `session` parameter of POST /build. */
  id: string;
  /** Ends the session: the gRPC server and the hijacked connection. */
  close(): void;
}

interface Served {
  definition: grpc.ServiceDefinition;
  implementation: grpc.UntypedServiceImplementation;
}

/**
 * Opens a BuildKit session the way the docker CLI does: POST /session hijacked and
 * upgraded to h2c, naming each gRPC method we serve in X-Docker-Expose-Session-Grpc-Method
 * headers; then the engine speaks HTTP/2 to us on that connection and we answer as a gRPC
 * server (the build context, auth for FROM pulls, secrets, ssh forwarding, health). Dialled through the same
 * modem as every other request, so it works over unix, TCP/TLS and ssh:// alike.
 */
export async function openSession(docker: Docker, options: SessionOptions): Promise<BuildSession> {
  const served: Served[] = [
    { definition: serviceDefinition(HEALTH_PROTO, 'grpc.health.v1.Health'), implementation: { Check: (_call: unknown, callback: grpc.sendUnaryData<{ status: string }>) => callback(null, { status: 'SERVING' }) } },
    authService(options.credentials),
    fileSyncService(options.dirs),
  ];
  if (options.secrets.size > 0) served.push(secretsService(options.secrets));
  if (options.ssh.size > 0) served.push(sshService(options.ssh));
  const methods = served.flatMap((s) => Object.values(s.definition).map((method) => method.path));

  const id = randomUUID();
  const socket = await dialSession(docker, {
    Upgrade: 'h2c',
    'X-Docker-Expose-Session-Uuid': id,
    'X-Docker-Expose-Session-Name': 'slipway',
    'X-Docker-Expose-Session-Sharedkey': createHash('sha256').update(options.contextDir).digest('hex'),
    'X-Docker-Expose-Session-Grpc-Method': methods,
  });
  const server = new grpc.Server();
  for (const s of served) server.addService(s.definition, s.implementation);
  const injector = server.createConnectionInjector(grpc.ServerCredentials.createInsecure());
  injector.injectConnection(socket);
  let closed = false;
  return {
    id,
    close: () => {
      if (closed) return;
      closed = true;
      injector.destroy();
      server.forceShutdown();
      socket.destroy();
    },
  };
}

function dialSession(docker: Docker, headers: Record<string, string | string[]>): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    docker.modem.dial({ method: 'POST', path: '/session', hijack: true, headers, statusCodes: { 101: true, 200: true, 500: 'server error' } }, (error, socket) => {
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else if (isDuplex(socket)) resolve(socket);
      else reject(new Error('the engine did not hand over a connection for the BuildKit session'));
    });
  });
}

function isDuplex(value: unknown): value is Duplex {
  return typeof value === 'object' && value !== null && 'write' in value && 'on' in value;
}
