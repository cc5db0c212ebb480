import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What to answer a request the guard refuses. */
export interface Refusal {
  status: 401 | 403 | 404 | 421;
  reason: string;
}

/**
 * The checks every request to `slipway serve` passes before anything else runs.
 * Host first (DNS rebinding: a foreign name resolving to 127.0.0.1), then, for the
 * WebSocket, Origin (another site's page) and the token (another local program).
 */
export class RequestGuard {
  private readonly token: Buffer;

  constructor(
    private readonly port: () => number,
    token: string,
  ) {
    this.token = Buffer.from(token, 'utf8');
  }

  /** The Host names we answer to: 127.0.0.1:PORT and localhost:PORT only. */
  allowedHosts(): string[] {
    const port = this.port();
    return [`127.0.0.1:${port}`, `localhost:${port}`];
  }

  checkHost(req: IncomingMessage): Refusal | undefined {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!this.allowedHosts().includes(host)) return { status: 421, reason: 'Misdirected Request: unknown Host' };
    return undefined;
  }

  /** For the /api upgrade: Host, then Origin, then token. */
  checkUpgrade(req: IncomingMessage): Refusal | undefined {
    const hostRefusal = this.checkHost(req);
    if (hostRefusal) return hostRefusal;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/api') return { status: 404, reason: 'Not Found' };
    const origin = req.headers.origin;
    // Browsers always send Origin on a WebSocket; it must be the page we served.
    // A client without one (a script, a test) still needs the token below.
    if (origin !== undefined && !this.allowedHosts().some((h) => origin.toLowerCase() === `http://${h}`)) {
      return { status: 403, reason: 'Forbidden: foreign Origin' };
    }
    if (!this.tokenMatches(url.searchParams.get('token'))) return { status: 401, reason: 'Unauthorized: missing or wrong token' };
    return undefined;
  }

  tokenMatches(candidate: string | null): boolean {
    if (candidate === null) return false;
    const given = Buffer.from(candidate, 'utf8');
    return given.length === this.token.length && timingSafeEqual(given, this.token);
  }
}
