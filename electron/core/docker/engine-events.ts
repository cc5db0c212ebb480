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
  /** An attempt to reach the engine failed; the next one is in `delayMs`. */
  retrying: [Error, number];
}

type Destroyable = NodeJS.ReadableStream & { destroy?: () => void };

/**
 * The one subscription to Docker's events per engine. Subscribe before acting: Docker
 * keeps only the last 256 events. When the daemon goes away it says so ('disconnected'),
 * reconnects with backoff ('retrying' after each failed attempt), and says 'connected'
 * again, after which consumers resync from a fresh listing (events in between are lost).
 */
export class EngineEvents extends EventEmitter<EngineEventsEvents> {
  private stream: Destroyable | undefined;
  private stopped = false;
  private started = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private connecting: Promise<void> | undefined;
  private isConnected = false;
  private lastError: Error | undefined;
  private readonly backoffMs: number[];

  constructor(private readonly docker: Docker, options: EngineEventsOptions = {}) {
    super();
    this.setMaxListeners(0);
    this.backoffMs = options.backoffMs ?? [100, 250, 500, 1000, 2000, 5000];
  }

  get connected(): boolean {
    return this.isConnected;
  }

  /** Why the engine could not be reached last time, while it is down. */
  get error(): Error | undefined {
    return this.isConnected ? undefined : this.lastError;
  }

  /**
   * Resolves once the subscription is live; rejects if the next attempt to reach the
   * engine fails (reconnecting goes on in the background). Cheap when already live.
   */
  start(): Promise<void> {
    if (this.isConnected) return Promise.resolve();
    this.stopped = false;
    if (!this.started) {
      this.started = true;
      return this.tryNow();
    }
    if (this.connecting) return this.connecting;
    // Waiting out a backoff: try at once, as a caller is waiting.
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    return this.tryNow();
  }

  stop(): void {
    this.stopped = true;
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const stream = this.stream;
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

  private tryNow(): Promise<void> {
    const attempt = this.connect().finally(() => {
      if (this.connecting === attempt) this.connecting = undefined;
    });
    this.connecting = attempt;
    attempt.catch((error: unknown) => this.scheduleReconnect(error instanceof Error ? error : new Error(String(error))));
    return attempt;
  }

  private async connect(): Promise<void> {
    const stream = (await this.docker.getEvents({})) as Destroyable;
    if (this.stopped) {
      stream.destroy?.();
      return;
    }
    this.stream = stream;
    this.attempt = 0;
    this.isConnected = true;
    this.lastError = undefined;
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line === '') continue;
        let event: EngineEvent;
        try {
          event = JSON.parse(line) as EngineEvent;
        } catch {
          continue; // A malformed line from the daemon is skipped, never fatal.
        }
        this.emit('event', event);
      }
    });
    const lost = (error?: Error) => {
      if (this.stream !== stream) return;
      this.stream = undefined;
      this.isConnected = false;
      if (this.stopped) return;
      this.lastError = error ?? new Error('the Docker events stream ended');
      this.emit('disconnected', this.lastError);
      this.scheduleReconnect(this.lastError, false);
    };
    stream.on('end', () => lost());
    stream.on('close', () => lost());
    stream.on('error', (error: Error) => lost(error));
    this.emit('connected');
  }

  private scheduleReconnect(error: Error, failedAttempt = true): void {
    if (this.stopped || this.timer || this.isConnected) return;
    this.lastError = error;
    const delay = this.backoffMs[Math.min(this.attempt, this.backoffMs.length - 1)] ?? 1000;
    this.attempt += 1;
    if (failedAttempt) this.emit('retrying', error, delay);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.stopped || this.isConnected) return;
      void this.tryNow().catch(() => undefined);
    }, delay);
    this.timer.unref?.();
  }
}
