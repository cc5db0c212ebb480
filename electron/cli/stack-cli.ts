import type { CallInput } from '../../shared/contract';
import type { ProjectSummary } from '../../shared/contract/projects';
import type { TaskProgress } from '../../shared/contract/tasks';
import { SlipwayError } from '../../shared/errors';
import type { Command } from './command';
import type { CliContext } from './context';
import { imagesProgressPrinter } from './images-cli';
import { imagesSinkPrinter } from './images-live';
import { interruptSignal } from './interrupt';
import { itemState, LiveProgress, PlainProgress, type ProgressSink } from './live-progress';

/** The image steps a stack task prints: pulls (up) and removals (down --rmi). */
const IMAGE_STEPS_SHOWN = ['Pulling', 'Pulled', 'Removing', 'Removed'];

type StackTask = 'stack.up' | 'stack.down' | 'stack.start' | 'stack.stop' | 'stack.restart' | 'stack.rm' | 'stack.kill' | 'stack.pause' | 'stack.unpause';

/**
 * The project for stack commands, its warnings printed; for commands that can work from
 * labels alone (down, ps, stop), `-p NAME` without a compose file opens it by name.
 */
export async function stackProject(ctx: CliContext, options: { nameOnly?: boolean; services?: readonly string[] } = {}): Promise<ProjectSummary> {
  const project = await ctx.openProject({ services: options.services ?? [], ...(options.nameOnly ? { orByName: true } : {}) });
  for (const warning of project.warnings) ctx.err(`warning: ${warning}`);
  return project;
}

/**
 * Prints a stack task's progress as Compose does: ` Container proj-db-1  Healthy` (on
 * stderr, like Compose) — in place on a terminal (LiveProgress), as plain lines when piped;
 * `up --build`'s build progress as `slipway build` prints it, above the live lines.
 */
export function progressPrinter(ctx: CliContext, sink: ProgressSink = new PlainProgress((line) => ctx.err(line))): (p: TaskProgress) => void {
  const images = sink instanceof LiveProgress ? imagesSinkPrinter(sink) : imagesProgressPrinter(ctx, (line) => sink.log(line));
  return (p) => {
    const step = p.stack;
    if (!step) {
      images(p);
      return;
    }
    if (step.kind === 'Warning') {
      sink.log(`warning: ${step.status}`);
      return;
    }
    if (step.kind === 'Image' && !IMAGE_STEPS_SHOWN.includes(step.status)) return;
    sink.update({ id: `${step.kind} ${step.name}`, status: step.status, state: itemState(step.status, step.kind) });
  };
}

/** The progress display for this run: live on a terminal (stderr), plain lines otherwise. */
export function progressSink(ctx: CliContext): ProgressSink {
  return ctx.liveProgress ? new LiveProgress(ctx.stderr, { operation: 'Running', color: ctx.stderrColor }) : new PlainProgress((line) => ctx.err(line));
}

/**
 * Tasks that stop at a cancel and leave nothing half-made (a recreate under way removes its
 * replacement): Ctrl+C cancels them. During the others (stop, down) Ctrl+C ends the CLI at
 * once as before, so a second Ctrl+C while an attached `up` stops its services is never lost.
 */
const CANCELLED_BY_CTRL_C: ReadonlySet<StackTask> = new Set(['stack.up', 'stack.start']);

/** Runs a stack task through the contract client, printing its progress; rejects with its SlipwayError. */
export async function runStackTask<N extends StackTask>(ctx: CliContext, name: N, input: CallInput<N>): Promise<void> {
  const sink = progressSink(ctx);
  const interrupt = CANCELLED_BY_CTRL_C.has(name) ? interruptSignal() : undefined;
  try {
    await ctx.client().runTask(name, input, progressPrinter(ctx, sink), interrupt ? { signal: interrupt.signal } : undefined);
  } finally {
    interrupt?.dispose();
    sink.done();
  }
}

/** Seconds from a flag (`-t 5`, `--timeout 30`), or a usage error naming the flag. */
export function secondsFlag(command: string, flag: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!/^\d+(\.\d+)?$/.test(text)) {
    throw new SlipwayError('usage', `${command}: ${flag} takes a number of seconds, not "${text}"`, `Example: slipway ${command} ${flag} 30`);
  }
  return Number(text);
}

/**
 * `start`, `stop`, `restart`: one stack task on all or the named services, with progress;
 * `-t S` when the action stops containers.
 */
export function servicesCommand(spec: Pick<Command, 'name' | 'summary'> & { timeout: boolean; task: 'stack.start' | 'stack.stop' | 'stack.restart' }): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    usage: `slipway ${spec.name} [SERVICE...]${spec.timeout ? ' [-t S]' : ''}`,
    options: spec.timeout ? { timeout: { type: 'string', short: 't' } } : {},
    async run(ctx, args) {
      const project = await stackProject(ctx, { services: args.positionals });
      const timeoutSeconds = spec.timeout ? secondsFlag(spec.name, '-t', args.values.timeout) : undefined;
      await runStackTask(ctx, spec.task, {
        projectId: project.projectId,
        ...(args.positionals.length > 0 ? { services: args.positionals } : {}),
        ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
      });
      return 0;
    },
  };
}
