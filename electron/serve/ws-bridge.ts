import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { ClientMessage, type ServerMessage } from '../../shared/wire';
import type { Envelope } from '../../shared/envelope';
import type { EventName } from '../../shared/contract';
import type { CallContext } from '../core/api/handlers';
import { ClientScope } from './client-scope';

/** What the bridge needs of the core: calls through dispatch, and every event. */
export interface BridgeCore {
  call(name: string, input: unknown, ctx: CallContext): Promise<Envelope<unknown>>;
  events: { onAny(listener: (event: EventName, payload: unknown) => void): () => void };
}

export interface BridgeOptions {
  /** Called when a client goes away (after its subscriptions and sessions are ended). */
  onClientGone?: (clientId: string) => void;
  /** Close a client whose unsent data passes this many bytes (it stopped reading). */
  maxBufferedBytes?: number;
}

/**
 * One browser client on /api: its calls go through core.call (validation and envelope
 * there) with its own clientId; events about another client's log subscription or
 * exec session are not sent to it; what it owns is ended when it disconnects.
 */
export function bridgeClient(ws: WebSocket, core: BridgeCore, options: BridgeOptions = {}): string {
  const clientId = `ws-${randomUUID()}`;
  const scope = new ClientScope();
  const maxBuffered = options.maxBufferedBytes ?? 64 * 1024 * 1024;
  const send = (message: ServerMessage): void => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > maxBuffered) {
      ws.close(1013, 'client too slow');
      return;
    }
    ws.send(JSON.stringify(message));
  };

  const off = core.events.onAny((name, payload) => {
    if (scope.wants(name, payload)) send({ type: 'event', name, payload });
    else scope.hold(name, payload);
  });

  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      return;
    }
    const message = ClientMessage.safeParse(parsed);
    if (!message.success) return;
    const { id, name, input } = message.data;
    if (!scope.mayUse(name, input)) {
      send({ type: 'result', id, envelope: { ok: false, error: { code: 'not_found', message: 'No such subscription or session for this client', hint: 'Start a new one.' } } });
      return;
    }
    scope.noteCall(name);
    void core.call(name, input, { clientId }).then((envelope) => {
      const early = scope.noteResult(name, input, envelope);
      send({ type: 'result', id, envelope });
      for (const event of early) send({ type: 'event', ...event });
    });
  });

  ws.on('close', () => {
    off();
    for (const { name, input } of scope.cleanupCalls()) void core.call(name, input, { clientId });
    options.onClientGone?.(clientId);
  });
  return clientId;
}
