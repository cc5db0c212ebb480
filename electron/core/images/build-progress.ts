import { readEngineMessage } from './engine-message';

/**
 * Reads the classic builder's progress stream (POST /build) into what a person wants to
 * see: which step of how many, whether it came from the cache, its output, and — when it
 * fails — the step and the engine's message. Pure: feed it the stream's JSON objects.
 */
/** A BuildKit vertex's state, as docker's plain progress shows it (running, CACHED, DONE, ERROR). */
export type VertexState = 'running' | 'cached' | 'done' | 'error';

export type BuildEvent =
  | { kind: 'builder'; builder: 'buildkit' | 'classic'; reason?: string }
  /** BuildKit: a vertex (`[2/4] RUN make`) numbered in order of appearance, as `#3` in docker's output. */
  | { kind: 'vertex'; vertex: number; name: string; state: VertexState; seconds?: number; error?: string }
  | { kind: 'vertex-output'; vertex: number; line: string }
  | { kind: 'step'; step: number; total: number; instruction: string }
  | { kind: 'cached'; step: number; total: number }
  | { kind: 'output'; line: string }
  | { kind: 'status'; message: string; id?: string; current?: number; total?: number }
  | { kind: 'built'; imageId: string };

export interface BuildFailure {
  message: string;
  step?: { step: number; total: number; instruction: string };
  /** The last lines the failing step printed. */
  output: string[];
}

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;
const KEEP_OUTPUT = 12;

export class BuildProgressParser {
  currentStep: { step: number; total: number; instruction: string } | undefined;
  cachedSteps = 0;
  imageId: string | undefined;
  failure: BuildFailure | undefined;
  private stepOutput: string[] = [];
  private partial = '';

  /** One object of the stream → the events it means. */
  feed(raw: Record<string, unknown>): BuildEvent[] {
    const message = readEngineMessage(raw);
    const events: BuildEvent[] = [];
    const error = message.errorDetail?.message ?? message.error;
    if (error !== undefined) {
      this.flushPartial(events);
      this.failure = { message: error, output: [...this.stepOutput] };
      if (this.currentStep) this.failure.step = this.currentStep;
      return events;
    }
    const imageId = message.aux?.ID;
    if (imageId !== undefined) {
      this.imageId = imageId;
      events.push({ kind: 'built', imageId });
      return events;
    }
    if (message.stream !== undefined) {
      this.partial += message.stream;
      const lines = this.partial.split('\n');
      this.partial = lines.pop() ?? '';
      for (const line of lines) this.line(line.replace(/\r$/, ''), events);
      return events;
    }
    if (message.status !== undefined) {
      const detail = message.progressDetail;
      const event: BuildEvent = { kind: 'status', message: message.status };
      if (message.id !== undefined) event.id = message.id;
      if (detail?.current !== undefined) event.current = detail.current;
      if (detail?.total !== undefined) event.total = detail.total;
      events.push(event);
    }
    return events;
  }

  /** The stream ended: anything left without a newline. */
  end(): BuildEvent[] {
    const events: BuildEvent[] = [];
    this.flushPartial(events);
    return events;
  }

  private flushPartial(events: BuildEvent[]): void {
    if (this.partial !== '') this.line(this.partial, events);
    this.partial = '';
  }

  private line(line: string, events: BuildEvent[]): void {
    const step = STEP.exec(line);
    if (step) {
      this.currentStep = { step: Number(step[1]), total: Number(step[2]), instruction: step[3] ?? '' };
      this.stepOutput = [];
      events.push({ kind: 'step', ...this.currentStep });
      return;
    }
    const trimmed = line.trim();
    if (trimmed === '---> Using cache') {
      this.cachedSteps += 1;
      if (this.currentStep) events.push({ kind: 'cached', step: this.currentStep.step, total: this.currentStep.total });
      return;
    }
    // Bookkeeping lines of the classic builder: layer ids, intermediate containers.
    if (/^---> /.test(trimmed) || /^Removing intermediate container /.test(trimmed)) return;
    const built = /^Successfully built ([0-9a-f]+)$/.exec(trimmed);
    if (built) {
      if (this.imageId === undefined) this.imageId = built[1];
      return;
    }
    if (/^Successfully tagged /.test(trimmed)) return;
    if (trimmed === '') return;
    this.stepOutput.push(line);
    if (this.stepOutput.length > KEEP_OUTPUT) this.stepOutput.shift();
    events.push({ kind: 'output', line });
  }
}
