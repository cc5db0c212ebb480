import { EventEmitter } from 'node:events';
import type Docker from 'dockerode';

/** One message of Docker's /events stream. */
export interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  time: number;
  timeNano: number;
}

export interface EngineEventsOptions {
  /** Reconnect delays in ms, the last one repeating. */
  backoffMs?: number[];
}

interface EngineEventsEvents {
  event: [EngineEvent];
  connected: [];
  disconnected: [Error];
}

/**
 * The one subscription to Docker's events per engine. Subscribe before acting: Docker
 * keeps only the last 256 events. When the daemon goes away it says so ('disconnected'),
 * reconnects with backoff, and says 'connected' again, after which consumers resync
 * from a fresh listing (events in between are lost).
 */
export class EngineEvents extends EventEmitter<EngineEventsEvents> {
  private stream: NodeJS.ReadableStream | undefined;
  private stopped = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private connectedOnce: Promise<void> | undefined;
  private isConnected = false;
  private readonly backoffMs: number[];

  constructor(private readonly docker: Docker, options: EngineEventsOptions = {}) {
    super();
    this.setMaxListeners(0);
    this.backoffMs = options.backoffMs ?? [100, 250, 500, 1000, 2000, 5000];
  }

  get connected(): boolean {
    return this.isConnected;
  }

  /** Resolves once the first subscription is live (or rejects if the engine cannot be reached). */
  start(): Promise<void> {
    if (!this.connectedOnce) {
      this.stopped = false;
      this.connectedOnce = this.connect();
      this.connectedOnce.catch(() => this.scheduleReconnect());
    }
    return this.connectedOnce;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const stream = this.stream as (NodeJS.ReadableStream & { destroy?: () => void }) | undefined;
    this.stream = undefined;
    stream?.destroy?.();
    this.isConnected = false;
  }

  /**
   * The first event matching `predicate` from now on. Subscribe (call this) before the
   * action that causes the event.
   */
  waitFor(predicate: (event: EngineEvent) => boolean, signal?: AbortSignal): Promise<EngineEvent> {
    return new Promise((resolve, reject) => {
      const onEvent = (event: EngineEvent) => {
        if (!predicate(event)) return;
        cleanup();
        resolve(event);
      };
      const onAbort = () => {
        cleanup();
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      const cleanup = () => {
        this.off('event', onEvent);
        signal?.removeEventListener('abort', onAbort);
      };
      if (signal?.aborted) return onAbort();
      this.on('event', onEvent);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private async connect(): Promise<void> {
    const stream = (await this.docker.getEvents({})) as NodeJS.ReadableStream;
    if (this.stopped) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      return;
    }
    this.stream = stream;
    this.attempt = 0;
    this.isConnected = true;
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line === '') continue;
        try {
          this.emit('event', JSON.parse(line) as EngineEvent);
        } catch {
          // A malformed line from the daemon is skipped, never fatal.
        }
      }
    });
    const lost = (error?: Error) => {
      if (this.stream !== stream) return;
      this.stream = undefined;
      this.isConnected = false;
      if (this.stopped) return;
      this.emit('disconnected', error ?? new Error('the Docker events stream ended'));
      this.scheduleReconnect();
    };
    stream.on('end', () => lost());
    stream.on('close', () => lost());
    stream.on('error', (error: Error) => lost(error));
    this.emit('connected');
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.timer) return;
    const delay = this.backoffMs[Math.min(this.attempt, this.backoffMs.length - 1)] ?? 1000;
    this.attempt += 1;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.connect().catch(() => this.scheduleReconnect());
    }, delay);
    this.timer.unref?.();
  }
}
