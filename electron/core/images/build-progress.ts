/**
 * Reads the classic builder's progress stream (POST /build) into what a person wants to
 * see: which step of how many, whether it came from the cache, its output, and — when it
 * fails — the step and the engine's message. Pure: feed it the stream's JSON objects.
 */
export type BuildEvent =
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
  feed(message: Record<string, unknown>): BuildEvent[] {
    const events: BuildEvent[] = [];
    const error = errorOf(message);
    if (error !== undefined) {
      this.flushPartial(events);
      this.failure = { message: error, output: [...this.stepOutput] };
      if (this.currentStep) this.failure.step = this.currentStep;
      return events;
    }
    const aux = message.aux as { ID?: unknown } | undefined;
    if (aux && typeof aux.ID === 'string') {
      this.imageId = aux.ID;
      events.push({ kind: 'built', imageId: aux.ID });
      return events;
    }
    if (typeof message.stream === 'string') {
      this.partial += message.stream;
      const lines = this.partial.split('\n');
      this.partial = lines.pop() ?? '';
      for (const line of lines) this.line(line.replace(/\r$/, ''), events);
      return events;
    }
    if (typeof message.status === 'string') {
      const detail = message.progressDetail as { current?: unknown; total?: unknown } | undefined;
      const event: BuildEvent = { kind: 'status', message: message.status };
      if (typeof message.id === 'string') event.id = message.id;
      if (typeof detail?.current === 'number') event.current = detail.current;
      if (typeof detail?.total === 'number') event.total = detail.total;
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

function errorOf(message: Record<string, unknown>): string | undefined {
  const detail = message.errorDetail as { message?: unknown } | undefined;
  if (detail && typeof detail.message === 'string') return detail.message;
  if (typeof message.error === 'string') return message.error;
  return undefined;
}
