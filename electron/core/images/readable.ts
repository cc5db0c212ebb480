import { Readable } from 'node:stream';

/** dockerode types its response streams loosely; they are Node Readables (an HTTP response). */
export function readable(stream: NodeJS.ReadableStream): Readable {
  if (stream instanceof Readable) return stream;
  throw new TypeError('the Docker engine answered without a readable stream');
}
