import type { Duplex } from 'node:stream';
import DockerModem from 'docker-modem';
import { isLongLivedRequest } from './request-kind';

/**
 * A docker-modem that sends long-lived requests (streams, hijacked connections, calls
 * that block: see request-kind.ts) through a second modem — one whose agent gives each
 * its own connection — and every other request through its own (pooled) agent.
 * `connection` opens one such connection for a caller that speaks HTTP itself (the logs'
 * raw reader, logs/raw-log-stream.ts): writable at once, it is the caller's to end.
 */
export class RoutingModem extends DockerModem {
  constructor(options: DockerModem.ConstructorOptions, private readonly longLived: DockerModem, readonly connection?: () => Duplex) {
    super(options);
  }

  override dial(options: DockerModem.DialOptions, callback?: DockerModem.RequestCallback): void {
    if (options.isStream === true || options.hijack === true || isLongLivedRequest(options)) this.longLived.dial(options, callback);
    else super.dial(options, callback);
  }
}
