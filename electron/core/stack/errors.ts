import type Docker from 'dockerode';
import { SlipwayError } from '../../../shared/errors';
import { engineReason } from '../thrown';

/** A service that failed, with its last log lines (shown under the one-line reason). */
export class ServiceFailedError extends SlipwayError {
  constructor(code: string, readonly service: string, message: string, readonly logTail: string[] = [], hint?: string) {
    super(code, message, hint ?? (logTail.length > 0 ? `Last log lines of ${service}:\n${logTail.map((l) => `  ${l}`).join('\n')}` : undefined));
  }
}

/** The last lines a container wrote (stdout and stderr), for failure messages. */
export async function lastLogLines(docker: Docker, id: string, count = 20): Promise<string[]> {
  try {
    const container = docker.getContainer(id);
    const info = await container.inspect();
    const raw = await container.logs({ stdout: true, stderr: true, tail: count, follow: false });
    const text = info.Config.Tty ? raw.toString('utf8') : demux(raw);
    return text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l !== '').slice(-count);
  } catch {
    return [];
  }
}

/** Docker's multiplexed log frames (8-byte header per frame) to text. */
function demux(buffer: Buffer): string {
  let out = '';
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    out += buffer.subarray(offset + 8, offset + 8 + size).toString('utf8');
    offset += 8 + size;
  }
  return offset === 0 ? buffer.toString('utf8') : out;
}

/** Docker's start/create errors in the user's words: what went wrong, for which service, what to do. */
export function explainStartError(service: string, error: unknown): Error {
  if (error instanceof SlipwayError) return error;
  const message = dockerMessage(error);
  const port = /(?:Bind for ([\d.:[\]a-f]*:\d+) failed: port is already allocated)|(?:listen (?:tcp|udp)[46]? ([\d.:[\]a-f]*:\d+): bind: address already in use)/i.exec(message);
  if (port) {
    const address = port[1] ?? port[2] ?? '';
    return new ServiceFailedError('port_in_use', service, `Service ${service}: port ${address} is already in use`, [], `Stop whatever listens on ${address}, or change the published port of ${service} in the compose file.`);
  }
  return new ServiceFailedError('start_failed', service, `Service ${service} could not start: ${message}`);
}

export function dockerMessage(error: unknown): string {
  return engineReason(error);
}

/**
 * A fixed host port published by a service with several replicas: the first replica binds
 * it and the engine refuses the others. Said as that, with what to change.
 */
export function explainReplicaPortConflict(error: unknown, service: string, replicas: number): unknown {
  if (!(error instanceof ServiceFailedError) || error.code !== 'port_in_use' || replicas < 2) return error;
  return new ServiceFailedError('port_in_use', service, `${error.message}: ${service} runs ${replicas} replicas and each publishes the same fixed host port`, [], `Publish only the container port ("80") so Docker picks a free host port for each replica, or a range ("8080-8082:80"), or scale ${service} to 1.`);
}
