import type { TaskProgress } from '../../../../shared/contract/tasks';

/** One layer of a push, as the engine reports it. */
export interface LayerProgress {
  id: string;
  status: string;
  current?: number;
  total?: number;
}

/** What the Images panel shows for one service while it builds or pushes. */
export interface ServiceProgress {
  phase: 'build' | 'push';
  /** The build step: Step n/m and its instruction. */
  step?: { current: number; total: number; label: string; cached: boolean };
  /** The last lines the current step printed. */
  output: string[];
  /** Push layers in the order they appeared. */
  layers: LayerProgress[];
  /** The latest line about the service itself (pushing X, built Y, …). */
  status?: string;
}

const KEEP_OUTPUT = 3;

/**
 * Folds one `task.progress` event of images.build / images.push into the per-service
 * progress. Subjects are `SERVICE` (build steps and notes) or `SERVICE/LAYER` (push layers).
 */
export function applyProgress(state: Record<string, ServiceProgress>, phase: 'build' | 'push', event: TaskProgress): Record<string, ServiceProgress> {
  const subject = event.subject ?? '';
  if (subject === '') return state;
  const slash = subject.indexOf('/');
  const service = slash > 0 ? subject.slice(0, slash) : subject;
  const before = state[service];
  const current: ServiceProgress = before && before.phase === phase ? { ...before } : { phase, output: [], layers: [] };
  if (slash > 0) {
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

/** A layer's share done, 0..1, for a progress bar (finished states count as done). */
export function layerFraction(layer: LayerProgress): number | undefined {
  if (/^(Pushed|Layer already exists|Mounted from)/.test(layer.status)) return 1;
  if (layer.current !== undefined && layer.total !== undefined && layer.total > 0) return Math.min(1, layer.current / layer.total);
  return undefined;
}
