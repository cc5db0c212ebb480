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

/** Close codes (RFC 6455 §7.4.1) for messages this bridge refuses. */
const CLOSE_UNSUPPORTED_DATA = 1003;
const CLOSE_INVALID_DATA = 1007;
const CLOSE_POLICY = 1008;
const CLOSE_TRY_AGAIN_LATER = 1013;

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
      // It stopped reading: its close frame would wait behind the unread data for ever,
      // so the connection is ended now and what was queued for it is freed.
      ws.close(CLOSE_TRY_AGAIN_LATER, 'client too slow: it stopped reading');
      ws.terminate();
      return;
    }
    ws.send(JSON.stringify(message));
  };

  const off = core.events.onAny((name, payload) => {
    if (session.route(name, payload)) send({ type: 'event', name, payload });
  });

  // A frame ws refuses (over maxPayload: 1009, bad UTF-8: 1007, a protocol error: 1002)
  // is answered by ws with that close code, then reported here: it ends this connection
  // only, never the process.
  ws.on('error', () => ws.terminate());

  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      ws.close(CLOSE_UNSUPPORTED_DATA, 'binary messages are not part of the protocol');
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      ws.close(CLOSE_INVALID_DATA, 'a message must be JSON');
      return;
    }
    const message = ClientMessage.safeParse(parsed);
    if (!message.success) {
      ws.close(CLOSE_POLICY, 'a message must be a call: {type: "call", id, name, input}');
      return;
    }
    const { id, name, input } = message.data;
    session.call(name, input).then(
      ({ envelope, events }) => {
        send({ type: 'result', id, envelope });
        for (const event of events) send({ type: 'event', ...event });
      },
      (error: unknown) => send({ type: 'result', id, envelope: { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } } }),
    );
  });

  ws.on('close', () => {
    off();
    void session.close().finally(() => options.onClientGone?.(clientId));
  });
  return clientId;
}
