import type { EngineEvent, EngineEvents } from '../docker/engine-events';
import { containerChange } from '../state/container-record';
import type { Health } from '../state/container-record';

/** What we know about one container from Docker's events (and the listing that seeded it). */
interface ContainerRecord {
  running: boolean;
  health?: Health;
  exitCode?: number;
  /** Reset before a (re)start: events of the previous run (its `die`) are ignored until `start`. */
  awaitingStart?: boolean;
}

type Verdict = { ok: true } | { ok: false; reason: string } | undefined;

interface Waiter {
  id: string;
  check: (rec: ContainerRecord) => Verdict;
  resolve: () => void;
  reject: (error: Error) => void;
}


/** Why a container did not become ready. */
export class NotReadyError extends Error {
  constructor(readonly containerId: string, readonly reason: string) {
    super(reason);
  }
}

/**
 * Readiness from Docker's own events, never by polling: `start`, `health_status: …` and
 * `die` (with its exit code) for the containers of one project. Create it (it subscribes)
 * before starting anything: Docker does not replay what happened before.
 */
export class ReadinessWatch {
  private readonly records = new Map<string, ContainerRecord>();
  private readonly waiters = new Set<Waiter>();
  private readonly unsubscribe: () => void;
  private readonly withHealthcheck = new Set<string>();

  /**
   * `inspect` (optional) re-reads a container after the events stream reconnected, since
   * events in between are lost.
   */
  constructor(events: EngineEvents, private readonly projectName: string, private readonly inspect?: (id: string) => Promise<ContainerRecord | undefined>) {
    const listener = (event: EngineEvent) => this.handle(event);
    const reconnected = () => void this.resync();
    events.on('event', listener);
    events.on('connected', reconnected);
    this.unsubscribe = () => {
      events.off('event', listener);
      events.off('connected', reconnected);
    };
  }

  private async resync(): Promise<void> {
    if (!this.inspect) return;
    const ids = new Set([...this.waiters].map((w) => w.id));
    await Promise.all([...ids].map(async (id) => {
      const fresh = await this.inspect?.(id).catch(() => undefined);
      if (!fresh) return;
      this.records.set(id, fresh);
      this.settle(id);
    }));
  }

  dispose(): void {
    this.unsubscribe();
    for (const waiter of this.waiters) waiter.reject(new Error('stopped watching'));
    this.waiters.clear();
  }

  /** Seeds what a listing says about a container we did not see events for. */
  seed(id: string, state: { running: boolean; health?: 'starting' | 'healthy' | 'unhealthy'; exitCode?: number }): void {
    if (this.records.has(id)) return;
    this.records.set(id, { ...state });
    this.settle(id);
  }

  /** Says the container has a healthcheck (its start is reported as `starting`, not `running`). */
  markHealthcheck(id: string): void {
    this.withHealthcheck.add(id);
  }

  /** Forget a container's past (before starting it again). */
  reset(id: string): void {
    this.records.set(id, { running: false, awaitingStart: true });
  }

  /** Resolves when the container reports healthy; rejects when it turns unhealthy or exits first. */
  healthy(id: string, signal?: AbortSignal): Promise<void> {
    return this.wait(id, (rec) => {
      if (rec.health === 'healthy') return { ok: true };
      if (rec.health === 'unhealthy') return { ok: false, reason: 'is unhealthy' };
      if (rec.exitCode !== undefined && !rec.running) return { ok: false, reason: `exited with code ${rec.exitCode} before it was healthy` };
      return undefined;
    }, signal);
  }

  /** Resolves when the container exits with code 0; rejects on any other exit code. */
  completed(id: string, signal?: AbortSignal): Promise<void> {
    return this.wait(id, (rec) => {
      if (rec.exitCode === undefined || rec.running) return undefined;
      return rec.exitCode === 0 ? { ok: true } : { ok: false, reason: `exited with code ${rec.exitCode}` };
    }, signal);
  }

  /** The exit code, if the container has exited (as far as the events tell). */
  exitCode(id: string): number | undefined {
    const rec = this.records.get(id);
    return rec && !rec.running ? rec.exitCode : undefined;
  }

  private wait(id: string, check: (rec: ContainerRecord) => Verdict, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const verdict = check(this.records.get(id) ?? { running: false });
      if (verdict?.ok) return resolve();
      if (verdict && !verdict.ok) return reject(new NotReadyError(id, verdict.reason));
      const onAbort = () => {
        this.waiters.delete(waiter);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      const waiter: Waiter = {
        id,
        check,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(waiter);
    });
  }

  private handle(event: EngineEvent): void {
    const change = containerChange(event);
    if (!change || change.project !== this.projectName) return;
    const rec = this.records.get(change.id) ?? { running: false };
    // Events of the previous run (its die, its last health status) until the new start.
    if (rec.awaitingStart && (change.kind === 'die' || change.kind === 'health')) return;
    if (change.kind === 'start') {
      rec.running = true;
      delete rec.awaitingStart;
      delete rec.exitCode;
      if (this.withHealthcheck.has(change.id)) rec.health = 'starting';
      else delete rec.health;
    } else if (change.kind === 'health' && change.health) {
      rec.health = change.health;
    } else if (change.kind === 'die') {
      rec.running = false;
      rec.exitCode = change.exitCode ?? 0;
    }
    this.records.set(change.id, rec);
    this.settle(change.id);
  }

  private settle(id: string): void {
    const rec = this.records.get(id);
    if (!rec) return;
    for (const waiter of [...this.waiters]) {
      if (waiter.id !== id) continue;
      const verdict = waiter.check(rec);
      if (!verdict) continue;
      this.waiters.delete(waiter);
      if (verdict.ok) waiter.resolve();
      else waiter.reject(new NotReadyError(id, verdict.reason));
    }
  }
}
