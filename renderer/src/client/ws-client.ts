import { EventListeners, type SlipwayClient } from '../../../shared/client';
import type { CallInput, CallName, CallOutput, EventName, EventPayload } from '../../../shared/contract';
import type { Envelope } from '../../../shared/envelope';
import type { ServerMessage } from '../../../shared/wire';

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

type Pending = (envelope: Envelope<unknown>) => void;

/**
 * The browser implementation of SlipwayClient: one WebSocket to /api with the token,
 * requests matched to answers by id, events fanned out to listeners, reconnect with
 * backoff. While disconnected, calls answer with an error envelope (never throw).
 */
export class WebSocketClient implements SlipwayClient {
  private ws: WebSocket | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new EventListeners();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private statusValue: ConnectionStatus = 'connecting';
  private retryMs = 250;
  private closedByUs = false;
  private opened: Promise<void>;
  private resolveOpened: () => void = () => undefined;

  constructor(private readonly url: string) {
    this.opened = new Promise((resolve) => (this.resolveOpened = resolve));
    this.connect();
  }

  get status(): ConnectionStatus {
    return this.statusValue;
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  async call<N extends CallName>(name: N, input: CallInput<N>): Promise<Envelope<CallOutput<N>>> {
    if (this.statusValue !== 'open') await Promise.race([this.opened, delay(5000)]);
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      return { ok: false, error: { code: 'disconnected', message: 'Not connected to Slipway', hint: 'Check that `slipway serve` is still running, then reload the page.' } };
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as Pending);
      ws.send(JSON.stringify({ type: 'call', id, name, input }));
    });
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.listeners.add(event, listener as (payload: unknown) => void);
  }

  close(): void {
    this.closedByUs = true;
    this.ws?.close();
  }

  private setStatus(status: ConnectionStatus): void {
    this.statusValue = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private connect(): void {
    const ws = new WebSocket(this.url);
    this.ws = ws;
    this.setStatus('connecting');
    ws.onopen = () => {
      this.retryMs = 250;
      this.setStatus('open');
      this.resolveOpened();
    };
    ws.onmessage = (event) => this.receive(String(event.data));
    ws.onclose = () => {
      for (const [id, resolve] of this.pending) {
        this.pending.delete(id);
        resolve({ ok: false, error: { code: 'disconnected', message: 'The connection to Slipway closed', hint: 'Check that `slipway serve` is still running.' } });
      }
      this.opened = new Promise((resolve) => (this.resolveOpened = resolve));
      this.setStatus('closed');
      if (this.closedByUs) return;
      setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 5000);
    };
  }

  private receive(text: string): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(text) as ServerMessage;
    } catch {
      return;
    }
    if (message.type === 'result') {
      const resolve = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve?.(message.envelope as Envelope<unknown>);
    } else if (message.type === 'event') {
      this.listeners.emit(message.name, message.payload);
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
