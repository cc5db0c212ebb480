/**
 * Reads the engine's push stream (POST /images/NAME/push) into per-layer progress and the
 * pushed digest. Pure: feed it the stream's JSON objects.
 */
export type PushEvent =
  | { kind: 'layer'; id: string; status: string; current?: number; total?: number }
  | { kind: 'status'; message: string }
  | { kind: 'pushed'; tag: string; digest: string; size?: number };

export class PushProgressParser {
  digest: string | undefined;
  error: string | undefined;

  feed(message: Record<string, unknown>): PushEvent[] {
    const detail = message.errorDetail as { message?: unknown } | undefined;
    if (detail && typeof detail.message === 'string') {
      this.error = detail.message;
      return [];
    }
    if (typeof message.error === 'string') {
      this.error = message.error;
      return [];
    }
    const aux = message.aux as { Tag?: unknown; Digest?: unknown; Size?: unknown } | undefined;
    if (aux && typeof aux.Digest === 'string') {
      this.digest = aux.Digest;
      const event: PushEvent = { kind: 'pushed', tag: typeof aux.Tag === 'string' ? aux.Tag : '', digest: aux.Digest };
      if (typeof aux.Size === 'number') event.size = aux.Size;
      return [event];
    }
    if (typeof message.status !== 'string') return [];
    if (typeof message.id === 'string' && message.id !== '') {
      const progress = message.progressDetail as { current?: unknown; total?: unknown } | undefined;
      const event: PushEvent = { kind: 'layer', id: message.id, status: message.status };
      if (typeof progress?.current === 'number') event.current = progress.current;
      if (typeof progress?.total === 'number') event.total = progress.total;
      return [event];
    }
    return [{ kind: 'status', message: message.status }];
  }
}

/** Whether the engine's push error means the registry refused (or wanted) a login. */
export function isAuthError(message: string): boolean {
  return /unauthori[sz]ed|authentication required|no basic auth credentials|denied|status: 401|401 Unauthorized/i.test(message);
}
