import type { BuildProgress } from '../../../../shared/contract/images';
import type { TaskProgress } from '../../../../shared/contract/tasks';
import { formatBytes } from '../../../../shared/format-bytes';

/** One BuildKit step (`#3 [2/4] RUN make`) and how it stands. */
export type BuildStepProgress = Omit<Extract<BuildProgress, { kind: 'step' }>, 'kind'>;

/** One layer of a push or a pull, as the engine reports it (current/total: its bytes). */
export interface LayerProgress {
  id: string;
  status: string;
  current?: number;
  total?: number;
}

/** What the Images panel shows for one service while it builds or pushes. */
export type ImagesPhase = 'build' | 'push' | 'pull';

export interface ServiceProgress {
  phase: ImagesPhase;
  /** Which builder runs the build. */
  builder?: 'buildkit' | 'classic';
  /** The classic builder's step: Step n/m and its instruction. */
  step?: { current: number; total: number; label: string; cached: boolean };
  /** BuildKit's steps in the order they appeared (at most KEEP_STEPS, the latest). */
  steps: BuildStepProgress[];
  /** The last lines the current step printed. */
  output: string[];
  /** Push or pull layers in the order they appeared. */
  layers: LayerProgress[];
  /** The latest line about the service itself (pushing X, built Y, Pulling Z, …). */
  status?: string;
}

const KEEP_OUTPUT = 3;
const KEEP_STEPS = 60;

/**
 * Folds one `task.progress` event of images.build / images.push / images.pull into the
 * per-service progress. Subjects are `SERVICE` (build steps and notes) or `SERVICE/LAYER`
 * (push and pull layers).
 */
export function applyProgress(state: Record<string, ServiceProgress>, phase: ImagesPhase, event: TaskProgress): Record<string, ServiceProgress> {
  const subject = event.subject ?? '';
  if (subject === '') return state;
  const slash = subject.indexOf('/');
  const service = slash > 0 ? subject.slice(0, slash) : subject;
  const before = state[service];
  const current: ServiceProgress = before && before.phase === phase ? { ...before } : { phase, output: [], layers: [], steps: [] };
  if (event.build && slash < 0) {
    foldBuild(current, event.build, event.message);
  } else if (slash > 0) {
    const id = subject.slice(slash + 1);
    const layer: LayerProgress = { id, status: event.message };
    if (event.current !== undefined) layer.current = event.current;
    if (event.total !== undefined) layer.total = event.total;
    const index = current.layers.findIndex((l) => l.id === id);
    current.layers = index >= 0 ? current.layers.map((l, i) => (i === index ? layer : l)) : [...current.layers, layer];
  } else if (/^Step \d+\/\d+ : /.test(event.message) && event.current !== undefined && event.total !== undefined) {
    const label = event.message.replace(/^Step \d+\/\d+ : /, '');
    const cached = label === 'cached';
    const sameStep = current.step?.current === event.current;
    current.step = { current: event.current, total: event.total, label: cached && sameStep && current.step ? current.step.label : label, cached };
    if (!sameStep) current.output = [];
  } else if (current.step && phase === 'build' && !/^(building|built|image) /.test(event.message)) {
    current.output = [...current.output, event.message].slice(-KEEP_OUTPUT);
  } else {
    current.status = event.message;
  }
  return { ...state, [service]: current };
}

/** BuildKit's structured progress: the builder, a step starting or ending, a step's output line. */
function foldBuild(current: ServiceProgress, build: BuildProgress, message: string): void {
  switch (build.kind) {
    case 'builder':
      current.builder = build.builder;
      current.status = message;
      return;
    case 'step': {
      const { kind: _kind, ...step } = build;
      const index = current.steps.findIndex((s) => s.vertex === step.vertex);
      current.steps = index >= 0 ? current.steps.map((s, i) => (i === index ? step : s)) : [...current.steps, step].slice(-KEEP_STEPS);
      if (step.state === 'running' && index < 0) current.output = [];
      return;
    }
    case 'output':
      current.output = [...current.output, build.line].slice(-KEEP_OUTPUT);
      return;
  }
}

/** BuildKit steps finished (done, cached or failed) out of those seen so far, for a progress bar. */
export function stepsFinished(steps: BuildStepProgress[]): number {
  return steps.filter((s) => s.state !== 'running').length;
}

/** A step's state as docker's plain progress words it. */
export function stepStateLabel(step: BuildStepProgress): string {
  switch (step.state) {
    case 'running':
      return 'running';
    case 'cached':
      return 'CACHED';
    case 'done':
      return step.seconds === undefined ? 'DONE' : `DONE ${step.seconds.toFixed(1)}s`;
    case 'error':
      return 'ERROR';
  }
}

/** A layer's share done, 0..1, for a progress bar (finished states count as done). */
export function layerFraction(layer: LayerProgress): number | undefined {
  if (/^(Pushed|Layer already exists|Mounted from|Pull complete|Already exists)/.test(layer.status)) return 1;
  if (layer.current !== undefined && layer.total !== undefined && layer.total > 0) return Math.min(1, layer.current / layer.total);
  return undefined;
}

/** A layer's bytes as people read them: "1.5 MiB / 4.0 MiB", or nothing when the engine did not say. */
export function layerBytes(layer: LayerProgress): string | undefined {
  if (layer.current === undefined) return undefined;
  return layer.total !== undefined && layer.total > 0 ? `${formatBytes(layer.current)} / ${formatBytes(layer.total)}` : formatBytes(layer.current);
}
