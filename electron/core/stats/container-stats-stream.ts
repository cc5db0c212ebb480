import type Docker from 'dockerode';
import type { ContainerStats } from '../../../shared/contract/stats';
import { EngineStats, usageOf } from './stats-math';

/** A container whose stats are read: its id, name (without the leading slash) and service. */
export interface StatsTarget {
  id: string;
  name: string;
  service: string;
}

/** A response body as far as this reader needs it. */
interface Body {
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  on(event: 'close' | 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

function destroy(body: Body): void {
  const method: unknown = Reflect.get(body, 'destroy');
  if (typeof method === 'function') Reflect.apply(method, body, []);
}

/** A container's stats from one reading of the engine (parsed JSON), or undefined when it is not one. */
export function containerStatsOf(target: StatsTarget, json: unknown): ContainerStats | undefined {
  const parsed = EngineStats.safeParse(json);
  return parsed.success ? { id: target.id, name: target.name, service: target.service, ...usageOf(parsed.data) } : undefined;
}

/**
 * One container's `GET /containers/ID/stats?stream=1` (the engine writes a reading about once
 * a second), each reading turned into ContainerStats. It is in `open` from start() until the
 * engine's response is closed, by close() or by the engine.
 */
export class ContainerStatsStream {
  private body: Body | undefined;
  private closed = false;
  private pending = '';
  private ended: () => void = () => undefined;
  /** Resolves once the engine's response is closed (or was never opened). */
  private readonly gone = new Promise<void>((resolve) => (this.ended = resolve));

  constructor(
    private readonly docker: Docker,
    private readonly open: Set<ContainerStatsStream>,
    readonly target: StatsTarget,
    private readonly onSample: (stats: ContainerStats) => void,
    private readonly onGone: () => void,
  ) {}

  async start(): Promise<void> {
    this.open.add(this);
    let body: Body;
    try {
      body = await this.docker.getContainer(this.target.id).stats({ stream: true });
    } catch {
      this.open.delete(this);
      this.ended();
      if (!this.closed) this.onGone();
      return;
    }
    body.on('close', () => {
      this.open.delete(this);
      this.ended();
      if (!this.closed) this.onGone();
    });
    body.on('error', () => undefined);
    body.on('data', (chunk) => this.read(String(chunk)));
    this.body = body;
    if (this.closed) destroy(body);
  }

  /** Closes the response; resolves once it is closed. */
  close(): Promise<void> {
    this.closed = true;
    if (this.body) destroy(this.body);
    else if (!this.open.has(this)) this.ended();
    return this.gone;
  }

  private read(chunk: string): void {
    const lines = (this.pending + chunk).split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        continue;
      }
      const stats = containerStatsOf(this.target, json);
      if (stats) this.onSample(stats);
    }
  }
}
