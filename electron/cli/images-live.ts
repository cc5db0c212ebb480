import type { TaskProgress } from '../../shared/contract/tasks';
import type { ProgressSink } from './live-progress';
import { humanSize } from './output-format';

/** The words that open a service's own progress messages, and how each stands. */
const SERVICE_WORDS: Record<string, { status: string; state: 'working' | 'done' | 'warning' }> = {
  pulling: { status: 'Pulling', state: 'working' },
  pulled: { status: 'Pulled', state: 'done' },
  building: { status: 'Building', state: 'working' },
  built: { status: 'Built', state: 'done' },
  pushing: { status: 'Pushing', state: 'working' },
  pushed: { status: 'Pushed', state: 'done' },
  skipped: { status: 'Skipped', state: 'warning' },
};

const STEP_STATUS = { running: ['Running', 'working'], cached: ['Cached', 'done'], done: ['Done', 'done'], error: ['Error', 'error'] } as const;

/** A layer's status that means it is finished (Pull complete, Already exists, Pushed, …). */
function layerState(status: string): 'working' | 'done' {
  return /complete|exists|pushed|mounted from/i.test(status) ? 'done' : 'working';
}

/**
 * An images task's progress (pull, build, push) drawn in Compose's in-place display: a line
 * per service (`Service web  Pulling`, `Built`), a line per layer with its bytes, a line per
 * BuildKit step; anything else (notes, the classic builder's output) printed above it.
 */
export function imagesSinkPrinter(sink: ProgressSink): (p: TaskProgress) => void {
  return (p) => {
    const subject = p.subject ?? '';
    if (subject === '') {
      sink.log(p.message);
      return;
    }
    const slash = subject.indexOf('/');
    if (slash > 0) {
      const details = p.current !== undefined && p.total ? `${humanSize(p.current)}/${humanSize(p.total)}` : undefined;
      sink.update({ id: `  ${subject.slice(slash + 1)}`, status: p.message, state: layerState(p.message), ...(details ? { details } : {}) });
      return;
    }
    const build = p.build;
    if (build?.kind === 'step') {
      const [status, state] = STEP_STATUS[build.state];
      sink.update({ id: `  ${subject} #${build.vertex}`, status, state, details: build.name });
      return;
    }
    if (build?.kind === 'output') return;
    const [first = '', ...rest] = p.message.split(' ');
    const known = SERVICE_WORDS[first.toLowerCase()];
    if (!known) {
      sink.log(`[${subject}] ${p.message}`);
      return;
    }
    sink.update({ id: `Service ${subject}`, status: known.status, state: known.state, ...(rest.length > 0 ? { details: rest.join(' ') } : {}) });
  };
}
