import type { SlipwayTransport } from '../../../shared/client';
import { isEnvelope, type Envelope } from '../../../shared/envelope';
import { EventListeners } from '../../../shared/event-listeners';

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

type Pending = (envelope: Envelope<unknown>) => void;

/**
 * The browser's transport of the contract: one WebSocket to /api with the token, requests
 * matched to answers by id, events fanned out to listeners, reconnect with backoff. While
 * disconnected, calls answer with an error envelope (the client throws it as a SlipwayError).
 */
export class WebSocketTransport implements SlipwayTransport {
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

  async invoke(name: string, input: unknown): Promise<Envelope<unknown>> {
    if (this.statusValue !== 'open') await Promise.race([this.opened, delay(5000)]);
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      return { ok: false, error: { code: 'disconnected', message: 'Not connected to Slipway', hint: 'Check that `slipway serve` is still running, then reload the page.' } };
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      ws.send(JSON.stringify({ type: 'call', id, name, input }));
    });
  }

  on(event: string, listener: (payload: unknown) => void): () => void {
    return this.listeners.add(event, listener);
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
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null || !('type' in message)) return;
    if (message.type === 'result' && 'id' in message && typeof message.id === 'number' && 'envelope' in message) {
      const resolve = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve?.(isEnvelope(message.envelope) ? message.envelope : { ok: false, error: { code: 'internal', message: 'Slipway answered with no envelope' } });
    } else if (message.type === 'event' && 'name' in message && typeof message.name === 'string' && 'payload' in message) {
      this.listeners.emit(message.name, message.payload);
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
