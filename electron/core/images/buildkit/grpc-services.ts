import * as grpc from '@grpc/grpc-js';
import { fromJSON, type ServiceDefinition } from '@grpc/proto-loader';
import protobuf from 'protobufjs';

/**
 * gRPC service definitions from a .proto text (parsed here, not read from a file, so the
 * bundle needs no files beside it), after the texts it imports. Field names stay as written (`ID`, `Username`), int64
 * read as numbers, enums as their names, bytes as Buffers.
 */
/** Parsed once per process, by the service's full name. */
const parsed = new Map<string, grpc.ServiceDefinition>();

export function serviceDefinition(protoText: string, fullName: string, imports: string[] = []): grpc.ServiceDefinition {
  const known = parsed.get(fullName);
  if (known) return known;
  const root = new protobuf.Root();
  for (const text of imports) protobuf.parse(text, root, { keepCase: true });
  protobuf.parse(protoText, root, { keepCase: true });
  const definitions = fromJSON(root.toJSON(), { keepCase: true, longs: Number, enums: String, defaults: true });
  const service = definitions[fullName];
  if (service === undefined || !isService(service)) throw new Error(`${fullName} is not a service of its .proto`);
  parsed.set(fullName, service);
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
