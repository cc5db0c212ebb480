import net from 'node:net';
import { SSH_PROTO } from './proto/ssh-proto';
import { grpc, grpcError, serviceDefinition } from './grpc-services';

/** sshforward.DefaultID and KeySSHID. */
const DEFAULT_ID = 'default';
const ID_METADATA = 'buildkit.ssh.id';

interface Bytes {
  data: Buffer;
}

/**
 * `moby.sshforward.v1.SSH` as buildkit's sshprovider serves it for agent sockets:
 * CheckAgent says whether an id was given; ForwardAgent connects to that id's agent socket
 * and copies bytes both ways until either side ends. Keys never pass through us in the
 * clear: the agent signs, the build sees only the agent protocol.
 */
export function sshService(agents: ReadonlyMap<string, string>): { definition: grpc.ServiceDefinition; implementation: grpc.UntypedServiceImplementation } {
  return {
    definition: serviceDefinition(SSH_PROTO, 'moby.sshforward.v1.SSH'),
    implementation: {
      CheckAgent: (call: grpc.ServerUnaryCall<{ ID: string }, object>, callback: grpc.sendUnaryData<object>) => {
        const id = call.request.ID || DEFAULT_ID;
        if (!agents.has(id)) return callback(grpcError(grpc.status.NOT_FOUND, `unset ssh forward key ${id}`));
        callback(null, {});
      },
      ForwardAgent: (call: grpc.ServerDuplexStream<Bytes, Bytes>) => {
        const asked = call.metadata.get(ID_METADATA)[0];
        const id = typeof asked === 'string' && asked !== '' ? asked : DEFAULT_ID;
        const socketPath = agents.get(id);
        if (socketPath === undefined) {
          call.destroy(grpcError(grpc.status.NOT_FOUND, `unset ssh forward key ${id}`));
          return;
        }
        forward(call, net.connect(socketPath), id);
      },
    },
  };
}

function forward(call: grpc.ServerDuplexStream<Bytes, Bytes>, agent: net.Socket, id: string): void {
  let finished = false;
  const finish = (error?: Error) => {
    if (finished) return;
    finished = true;
    agent.destroy();
    if (error) call.destroy(grpcError(grpc.status.UNAVAILABLE, `failed to dial agent ${id}: ${error.message}`));
    else call.end();
  };
  call.on('data', (message: Bytes) => {
    if (message.data.length > 0) agent.write(message.data);
  });
  // The build closed its side: the agent may still answer.
  call.on('end', () => agent.end());
  call.on('error', () => finish());
  call.on('cancelled', () => finish());
  agent.on('data', (chunk: Buffer) => call.write({ data: chunk }));
  agent.on('end', () => finish());
  agent.on('error', (error) => finish(error));
}
