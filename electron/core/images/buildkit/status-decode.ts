import protobuf from 'protobufjs';
import { z } from 'zod';
import { STATUS_PROTO } from './proto/status-proto';

const Time = z.object({ seconds: z.coerce.number(), nanos: z.number() }).partial().optional().catch(undefined);

const StatusResponse = z.object({
  vertexes: z
    .array(z.object({ digest: z.string(), name: z.string(), cached: z.boolean(), started: Time, completed: Time, error: z.string() }).partial())
    .catch([]),
  statuses: z
    .array(z.object({ ID: z.string(), vertex: z.string(), name: z.string(), current: z.coerce.number(), total: z.coerce.number(), completed: Time }).partial())
    .catch([]),
  logs: z.array(z.object({ vertex: z.string(), timestamp: Time, msg: z.instanceof(Uint8Array) }).partial()).catch([]),
});
export type StatusResponse = z.infer<typeof StatusResponse>;

let type: protobuf.Type | undefined;

/** One `moby.buildkit.trace` aux value (base64 of a StatusResponse) → its vertexes, statuses, logs. */
export function decodeStatus(base64: string): StatusResponse {
  type ??= protobuf.parse(STATUS_PROTO, { keepCase: true }).root.lookupType('moby.buildkit.v1.StatusResponse');
  const message = type.decode(Buffer.from(base64, 'base64'));
  return StatusResponse.parse(type.toObject(message, { longs: Number, defaults: false, arrays: true }));
}

/** A protobuf Timestamp as milliseconds, when set. */
export function timeMs(time: { seconds?: number | undefined; nanos?: number | undefined } | undefined): number | undefined {
  if (time?.seconds === undefined) return undefined;
  return time.seconds * 1000 + Math.floor((time.nanos ?? 0) / 1e6);
}
