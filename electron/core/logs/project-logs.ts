import type { LogLine, LogStreamName } from '../../../shared/contract/logs';
import { streamName, SYSTEM, STDERR, STDOUT, type StreamCode } from './log-demux';
import type { LogFollower } from './log-follower';
import { LogRing } from './log-ring';
import type { RingMatcher } from './log-search';
import type { LineSource } from './log-subscription';

const CODES: Record<LogStreamName, StreamCode> = { stdout: STDOUT, stderr: STDERR, system: SYSTEM };

export interface CursorStart {
  services?: readonly string[];
  /** Lines of history per service. */
  tail?: number;
  /** Epoch ms. */
  sinceMs?: number;
}

/**
 * One project's logs held in the core: a ring per service (bounded), fed by a follower;
 * every line gets a project-wide sequence number so readers can merge the rings back
 * into the order the lines arrived (history arrives merged by time).
 */
export class ProjectLogs {
  readonly rings = new Map<string, LogRing>();
  private seq = 0;
  private readonly listeners = new Set<() => void>();
  follower: LogFollower | undefined;
  ready: Promise<void> = Promise.resolve();

  constructor(readonly projectId: string, private readonly bound: number) {}

  /** The follower's sink. */
  readonly append = (lines: LogLine[]): void => {
    let ring: LogRing | undefined;
    let ringService = '';
    for (const line of lines) {
      if (ring === undefined || line.service !== ringService) {
        ringService = line.service;
        ring = this.rings.get(ringService);
        if (!ring) {
          ring = new LogRing(this.bound);
          this.rings.set(ringService, ring);
        }
      }
      ring.push(CODES[line.stream], line.text, line.ts, this.seq++);
    }
    for (const listener of this.listeners) listener();
  };

  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The ring of a service a cursor already reads (cursors only hold services that have one). */
  private ring(service: string): LogRing {
    const ring = this.rings.get(service);
    if (!ring) throw new Error(`no log ring for service ${service}`);
    return ring;
  }

  lineAt(service: string, ring: LogRing, abs: number): LogLine {
    return { service, stream: streamName(ring.stream(abs)), text: ring.text(abs), ts: ring.ts(abs) };
  }

  /** A reader over the rings from a starting point; lines evicted before it reads them become one marker line. */
  cursor(start: CursorStart): LineSource {
    const wanted = start.services && start.services.length > 0 ? new Set(start.services) : undefined;
    const positions = new Map<string, number>();
    for (const [service, ring] of this.rings) {
      if (wanted && !wanted.has(service)) continue;
      let abs = ring.start;
      if (start.sinceMs !== undefined) abs = ring.indexAtTime(start.sinceMs);
      if (start.tail !== undefined) abs = Math.max(abs, ring.end - start.tail);
      positions.set(service, abs);
    }
    const sync = () => {
      for (const [service, ring] of this.rings) {
        if (!positions.has(service) && (!wanted || wanted.has(service))) positions.set(service, ring.start);
      }
    };
    return {
      pending: () => {
        sync();
        for (const [service, abs] of positions) if (this.ring(service).end > abs) return true;
        return false;
      },
      read: (max) => {
        sync();
        const out: LogLine[] = [];
        for (const [service, abs] of positions) {
          const ring = this.ring(service);
          if (abs < ring.start) {
            out.push({ service, stream: 'system', text: `── ${ring.start - abs} lines skipped: the reader fell behind the ${ring.bound}-line buffer ──`, ts: ring.ts(ring.start) });
            positions.set(service, ring.start);
          }
        }
        const entries = [...positions.entries()].map(([service, abs]) => ({ service, ring: this.ring(service), abs }));
        while (out.length < max) {
          let best: (typeof entries)[number] | undefined;
          let bestSeq = Infinity;
          for (const e of entries) {
            if (e.abs >= e.ring.end) continue;
            const s = e.ring.seq(e.abs);
            if (s < bestSeq) {
              bestSeq = s;
              best = e;
            }
          }
          if (!best) break;
          if (entries.length === 1) {
            const n = Math.min(max - out.length, best.ring.end - best.abs);
            for (let i = 0; i < n; i++) out.push(this.lineAt(best.service, best.ring, best.abs + i));
            best.abs += n;
            break;
          }
          out.push(this.lineAt(best.service, best.ring, best.abs));
          best.abs++;
        }
        for (const e of entries) positions.set(e.service, e.abs);
        return out;
      },
    };
  }

  /** Matching lines across the rings, in arrival order; at most `limit`, the newest kept. */
  search(matcher: RingMatcher, services: readonly string[] | undefined, limit: number): { matches: LogLine[]; truncated: boolean } {
    const hits: Array<{ seq: number; service: string; ring: LogRing; abs: number }> = [];
    for (const [service, ring] of this.rings) {
      if (services && services.length > 0 && !services.includes(service)) continue;
      matcher(ring, (abs) => hits.push({ seq: ring.seq(abs), service, ring, abs }));
    }
    hits.sort((a, b) => a.seq - b.seq);
    const truncated = hits.length > limit;
    return { matches: hits.slice(Math.max(0, hits.length - limit)).map((h) => this.lineAt(h.service, h.ring, h.abs)), truncated };
  }

  stop(): void {
    this.follower?.stop();
    this.listeners.clear();
  }
}
