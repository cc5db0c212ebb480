import * as grpc from '@grpc/grpc-js';
import { fromJSON, type ServiceDefinition } from '@grpc/proto-loader';
import protobuf from 'protobufjs';

/**
 * gRPC service definitions from a .proto text (parsed here, not read from a file, so the
 * bundle needs no files beside it). Field names stay as written (`ID`, `Username`), int64
 * read as numbers, bytes as Buffers.
 */
export function serviceDefinition(protoText: string, fullName: string): grpc.ServiceDefinition {
  const root = protobuf.parse(protoText, { keepCase: true }).root;
  const definitions = fromJSON(root.toJSON(), { keepCase: true, longs: Number, defaults: true });
  const service = definitions[fullName];
  if (service === undefined || !isService(service)) throw new Error(`${fullName} is not a service of its .proto`);
  return service;
}

function isService(value: object): value is ServiceDefinition {
  return !('format' in value);
}

/** A gRPC error with a status code, as buildkit's providers answer (NotFound, Unavailable…). */
export function grpcError(code: grpc.status, details: string): grpc.ServiceError {
  return Object.assign(new Error(details), { code, details, metadata: new grpc.Metadata() });
}

export { grpc };
