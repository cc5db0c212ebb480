import { readEngineMessage } from './engine-message';

/**
 * Reads the engine's push stream (POST /images/NAME/push) into per-layer progress and the
 * pushed digest. Pure: feed it the stream's JSON objects.
 */
export type PushEvent =
  | LayerEvent
  | { kind: 'status'; message: string }
  | { kind: 'pushed'; tag: string; digest: string; size?: number };

export class PushProgressParser {
  digest: string | undefined;
  error: string | undefined;

  feed(raw: Record<string, unknown>): PushEvent[] {
    const message = readEngineMessage(raw);
    const error = message.errorDetail?.message ?? message.error;
    if (error !== undefined) {
      this.error = error;
      return [];
    }
    const aux = message.aux;
    if (aux?.Digest !== undefined) {
      this.digest = aux.Digest;
      const event: PushEvent = { kind: 'pushed', tag: aux.Tag ?? '', digest: aux.Digest };
      if (aux.Size !== undefined) event.size = aux.Size;
      return [event];
    }
    if (message.status === undefined) return [];
    return [layerOrStatus(message)];
  }
}

export type LayerEvent = { kind: 'layer'; id: string; status: string; current?: number; total?: number };

/** A progress message of a push or pull stream: a layer's status (it has an id) or a line of its own. */
export function layerOrStatus(message: ReturnType<typeof readEngineMessage>): LayerEvent | { kind: 'status'; message: string } {
  const status = message.status ?? '';
  if (message.id === undefined || message.id === '') return { kind: 'status', message: status };
  const progress = message.progressDetail;
  const event: LayerEvent = { kind: 'layer', id: message.id, status };
  if (progress?.current !== undefined) event.current = progress.current;
  if (progress?.total !== undefined) event.total = progress.total;
  return event;
}

/** Whether the engine's push error means the registry refused (or wanted) a login. */
export function isAuthError(message: string): boolean {
  return /unauthori[sz]ed|authentication required|no basic auth credentials|denied|status: 401|401 Unauthorized/i.test(message);
}
