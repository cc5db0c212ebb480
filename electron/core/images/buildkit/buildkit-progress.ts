import type { BuildEvent, VertexState } from '../build-progress';
import { timeMs, type StatusResponse } from './status-decode';

/** How many output lines of each step are kept (for the failure message), at most. */
export const KEEP_STEP_OUTPUT = 20;
/** A single output line longer than this is cut (bounded memory per step). */
const MAX_LINE_CHARS = 4000;

interface Vertex {
  number: number;
  name: string;
  state: VertexState | undefined;
  startedMs?: number;
  output: string[];
  partial: string;
}

export interface BuildKitFailure {
  /** `#3 [2/4] RUN make`, when the failing step is known. */
  step?: string;
  /** Its last output lines. */
  output: string[];
}

/**
 * Folds BuildKit's status stream (decoded StatusResponse messages) into what docker's plain
 * progress prints: a number per vertex in the order they appear, one event when a vertex
 * starts, CACHED / DONE with its time / ERROR when it ends, and its output lines. Pure:
 * feed it decoded messages. Keeps only the last KEEP_STEP_OUTPUT lines of each vertex.
 */
export class BuildKitProgress {
  private readonly vertexes = new Map<string, Vertex>();

  feed(status: StatusResponse): BuildEvent[] {
    const events: BuildEvent[] = [];
    for (const v of status.vertexes) {
      if (!v.digest) continue;
      const vertex = this.vertex(v.digest, v.name ?? '');
      if (v.name) vertex.name = v.name;
      const started = timeMs(v.started);
      if (started !== undefined) vertex.startedMs = started;
      const completed = timeMs(v.completed);
      let state: VertexState | undefined;
      if (v.error) state = 'error';
      else if (v.cached && completed !== undefined) state = 'cached';
      else if (completed !== undefined) state = 'done';
      else if (started !== undefined) state = 'running';
      if (state === undefined || state === vertex.state) continue;
      // A finished vertex that BuildKit reports again (a FROM resolved, then loaded) does not
      // start again; it may still turn out CACHED or fail.
      if (vertex.state !== undefined && vertex.state !== 'running' && state !== 'error' && state !== 'cached') continue;
      if (vertex.state === undefined && state !== 'running') events.push(this.event(vertex, 'running'));
      vertex.state = state;
      if (state === 'error' || state === 'done' || state === 'cached') this.flush(vertex, events);
      const event = this.event(vertex, state);
      if (state === 'done' && vertex.startedMs !== undefined && completed !== undefined) event.seconds = Math.max(0, (completed - vertex.startedMs) / 1000);
      if (state === 'error' && v.error) event.error = v.error;
      events.push(event);
    }
    for (const s of status.statuses) {
      if (!s.vertex || !s.ID || timeMs(s.completed) === undefined) continue;
      const vertex = this.vertexes.get(s.vertex);
      if (vertex) events.push({ kind: 'vertex-output', vertex: vertex.number, line: `${s.name ?? s.ID}${s.total ? ` ${s.current ?? 0}/${s.total}` : ''} done` });
    }
    for (const log of status.logs) {
      if (!log.vertex || !log.msg) continue;
      const vertex = this.vertexes.get(log.vertex) ?? this.vertex(log.vertex, '');
      const text = vertex.partial + Buffer.from(log.msg).toString('utf8');
      const lines = text.split('\n');
      vertex.partial = (lines.pop() ?? '').slice(-MAX_LINE_CHARS);
      for (const line of lines) this.line(vertex, line.replace(/\r$/, ''), events);
    }
    return events;
  }

  /** Vertexes that are build steps (`[2/4] RUN …`, `[stage 1/2] COPY …`). */
  steps(): { total: number; cached: number } {
    let total = 0;
    let cached = 0;
    for (const vertex of this.vertexes.values()) {
      if (!/^\[[^\]]*\d+\/\d+\]/.test(vertex.name)) continue;
      total += 1;
      if (vertex.state === 'cached') cached += 1;
    }
    return { total, cached };
  }

  /** The step that failed and its last output, for the error message. */
  failure(): BuildKitFailure {
    const failed = [...this.vertexes.values()].find((v) => v.state === 'error');
    if (!failed) return { output: [] };
    return { step: `#${failed.number} ${failed.name}`, output: [...failed.output] };
  }

  private vertex(digest: string, name: string): Vertex {
    let vertex = this.vertexes.get(digest);
    if (!vertex) {
      vertex = { number: this.vertexes.size + 1, name, state: undefined, output: [], partial: '' };
      this.vertexes.set(digest, vertex);
    }
    return vertex;
  }

  private event(vertex: Vertex, state: VertexState): Extract<BuildEvent, { kind: 'vertex' }> {
    return { kind: 'vertex', vertex: vertex.number, name: vertex.name, state };
  }

  private flush(vertex: Vertex, events: BuildEvent[]): void {
    if (vertex.partial !== '') this.line(vertex, vertex.partial, events);
    vertex.partial = '';
  }

  private line(vertex: Vertex, raw: string, events: BuildEvent[]): void {
    const line = raw.length > MAX_LINE_CHARS ? `${raw.slice(0, MAX_LINE_CHARS)} […]` : raw;
    vertex.output.push(line);
    if (vertex.output.length > KEEP_STEP_OUTPUT) vertex.output.shift();
    events.push({ kind: 'vertex-output', vertex: vertex.number, line });
  }
}
