import { readFile } from 'node:fs/promises';
import { SECRETS_PROTO } from './proto/secrets-proto';
import { grpc, grpcError, serviceDefinition } from './grpc-services';

/** Where one build secret's value comes from: a file (read when the build asks) or a value. */
export type SecretSource = { file: string } | { value: string };

/** buildkit's secretsprovider.MaxSecretSize. */
const MAX_SECRET_BYTES = 500 * 1024;

/**
 * `moby.buildkit.secrets.v1.Secrets` as buildkit's secretsprovider serves it: the value of
 * the secret with that id, NotFound for an id the build was not given. Values are read
 * only when asked for and go nowhere but into the answer.
 */
export function secretsService(sources: ReadonlyMap<string, SecretSource>): { definition: grpc.ServiceDefinition; implementation: grpc.UntypedServiceImplementation } {
  return {
    definition: serviceDefinition(SECRETS_PROTO, 'moby.buildkit.secrets.v1.Secrets'),
    implementation: {
      GetSecret: (call: grpc.ServerUnaryCall<{ ID: string }, { data: Buffer }>, callback: grpc.sendUnaryData<{ data: Buffer }>) => {
        const id = call.request.ID;
        const source = sources.get(id);
        if (source === undefined) return callback(grpcError(grpc.status.NOT_FOUND, `secret ${id} not found`));
        const read = 'file' in source ? readFile(source.file) : Promise.resolve(Buffer.from(source.value));
        read.then(
          (data) => {
            if (data.length > MAX_SECRET_BYTES) callback(grpcError(grpc.status.INVALID_ARGUMENT, `invalid secret size ${data.length}`));
            else callback(null, { data });
          },
          () => callback(grpcError(grpc.status.NOT_FOUND, `secret ${id}: cannot read its file`)),
        );
      },
    },
  };
}
