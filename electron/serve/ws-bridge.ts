import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { ClientMessage, type ServerMessage } from '../../shared/wire';
import type { EventName } from '../../shared/contract';
import type { ClientSession } from '../core';

/** What the bridge needs of the core: a session per client (calls, ownership), and every event. */
export interface BridgeCore {
  sessions: { open(clientId: string): Pick<ClientSession, 'call' | 'route' | 'close'> };
  events: { onAny(listener: (event: EventName, payload: unknown) => void): () => void };
}

export interface BridgeOptions {
  /** Called when a client goes away (after what it owned is ended). */
  onClientGone?: (clientId: string) => void;
  /** Close a client whose unsent data passes this many bytes (it stopped reading). */
  maxBufferedBytes?: number;
}

/**
 * One browser client on /api: its calls go through its session (the core's dispatch, and
 * the ownership rules of the contract) with its own clientId; events about another
 * client's log subscription or exec session are not sent to it; what it owns is ended
 * when it disconnects.
 */
export function bridgeClient(ws: WebSocket, core: BridgeCore, options: BridgeOptions = {}): string {
  const clientId = `ws-${randomUUID()}`;
  const session = core.sessions.open(clientId);
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
    if (session.route(name, payload)) send({ type: 'event', name, payload });
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
    void session.call(name, input).then(({ envelope, events }) => {
      send({ type: 'result', id, envelope });
      for (const event of events) send({ type: 'event', ...event });
    });
  });

  ws.on('close', () => {
    off();
    void session.close().finally(() => options.onClientGone?.(clientId));
  });
  return clientId;
}
