import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import type { Project } from '../../../shared/model/project';
import type { TaskDone, TaskProgress } from '../../../shared/contract/tasks';
import type { StackStep } from '../../../shared/contract/stack';
import { errorMessage } from '../../../shared/errors';
import type { TimelineCondition, TimelineRun } from '../../../shared/contract/timeline';
import type { EngineEvent, EngineEvents } from '../docker/engine-events';
import type { CoreEvents } from '../events';
import { isOneOff, LABEL } from '../state/compose-labels';
import { dependenciesOf, selectServices, startLevels } from '../stack/plan';
import { addBuildStep, addEngineEvent, addStep, type RunFacts } from './run-facts';
import type { TimelineStore } from './timeline-store';
import { timelineView } from './timeline-view';

/** How often a run's changes go out (timeline.changed) at most. */
const EMIT_EVERY_MS = 50;
/** A run still not settled this long after its task ended stops listening (a healthcheck that never passes). */
const FOLLOW_AFTER_TASK_MS = 10 * 60_000;

const CONDITION: Record<string, TimelineCondition> = { service_started: 'started', service_healthy: 'healthy', service_completed_successfully: 'completed' };

export interface RecorderOptions {
  events: CoreEvents;
  engineEvents: () => Promise<EngineEvents>;
  docker: () => Docker;
  store: TimelineStore;
}

export interface RunSelection {
  kind: 'up' | 'restart';
  services?: string[] | undefined;
  noDeps?: boolean | undefined;
}

/** One run being recorded: it follows the engine's events until every service is ready or failed. */
class LiveRun {
  taskId: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private followTimer: NodeJS.Timeout | undefined;
  private inspecting = 0;
  private readonly waiters = new Set<() => void>();
  private stopped = false;

  constructor(readonly facts: RunFacts, readonly projectId: string, private readonly recorder: TimelineRecorder, private readonly images: Map<string, string[]>) {}

  onEngineEvent(event: EngineEvent): void {
    const labels = event.Actor.Attributes;
    if (event.Type !== 'container' || labels[LABEL.project] !== this.facts.project || isOneOff(labels)) return;
    const service = labels[LABEL.service] ?? '';
    const isNew = this.facts.containers[event.Actor.ID] === undefined;
    const changed = addEngineEvent(this.facts, { time: event.timeNano / 1e6, action: event.Action, id: event.Actor.ID, service, attributes: labels });
    if (changed && isNew) this.inspect(event.Actor.ID);
    if (changed) this.changed();
  }

  onProgress(progress: TaskProgress): void {
    const at = Date.now();
    const step = progress.stack;
    let changed = false;
    if (step?.kind === 'Image') {
      for (const service of this.images.get(step.name) ?? []) changed = addStep(this.facts, service, step.status, at) || changed;
    } else if (step?.kind === 'Container' && step.service) {
      changed = addStep(this.facts, step.service, step.status, at);
    } else if (progress.subject && !progress.subject.includes('/') && (progress.build || /^(building|built) /.test(progress.message))) {
      // A build's lines, from `building TAGS` to `built ID …` (subject: the service).
      changed = addBuildStep(this.facts, progress.subject, at);
    }
    if (changed) this.changed();
  }

  onDone(done: TaskDone): void {
    this.facts.finishedAt = Date.now();
    this.facts.ok = done.ok;
    if (done.error) this.facts.error = done.error.message;
    this.recorder.options.store.save(this.facts.project);
    this.followTimer = setTimeout(() => this.stop(), FOLLOW_AFTER_TASK_MS);
    this.followTimer.unref();
    this.changed();
  }

  /** Resolves when the run is settled (or stops being followed), or after `ms`. */
  settled(ms: number): Promise<void> {
    if (this.isSettled() || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const waiters = this.waiters;
      function done() {
        clearTimeout(timer);
        waiters.delete(done);
        resolve();
      }
      waiters.add(done);
    });
  }

  view(): TimelineRun {
    return timelineView(this.facts);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.followTimer);
    this.recorder.ended(this);
    if (this.timer) this.flush();
    if (this.facts.finishedAt !== undefined) this.recorder.options.store.save(this.facts.project);
    for (const waiter of [...this.waiters]) waiter();
  }

  private isSettled(): boolean {
    return this.inspecting === 0 && this.view().settled;
  }

  /** Whether it has a healthcheck decides what "ready" is: the container's own configuration says (the image's included). */
  private inspect(id: string): void {
    this.inspecting++;
    void this.recorder.options.docker().getContainer(id).inspect()
      .then((info) => {
        const container = this.facts.containers[id];
        const test = info.Config.Healthcheck?.Test;
        if (container) container.healthcheck = Array.isArray(test) && test.length > 0 && test[0] !== 'NONE';
      })
      .catch(() => undefined)
      .finally(() => {
        this.inspecting--;
        this.changed();
      });
  }

  private changed(): void {
    if (this.stopped) return;
    this.timer ??= setTimeout(() => this.flush(), EMIT_EVERY_MS);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const run = this.view();
    this.recorder.options.events.emit('timeline.changed', { projectId: this.projectId, run });
    if (this.facts.finishedAt !== undefined && this.isSettled()) this.stop();
  }
}

/**
 * The startup timeline room: for each `up` and restart of a project, records each service's
 * steps (up's own progress) and its containers' Docker events (create, start, health_status,
 * die, with the engine's times), keeps the last few runs and sends `timeline.changed` while
 * one runs. It only listens: the stack room does not know it exists.
 */
export class TimelineRecorder {
  private readonly live = new Map<string, LiveRun>();
  private unsubscribeEngine: (() => void) | undefined;
  private readonly unsubscribeTasks: (() => void)[] = [];

  constructor(readonly options: RecorderOptions) {}

  /** Starts recording before the work starts (Docker does not replay events); then bind the task's id. */
  async begin(project: Project, projectId: string, selection: RunSelection): Promise<{ bind: (taskId: string) => void; discard: () => void; progress: (p: TaskProgress) => void; done: (d: TaskDone) => void }> {
    const deps = dependenciesOf(project);
    const chosen = selection.kind === 'up' ? selectServices(project, deps, selection.services, selection.noDeps) : selection.services?.length ? selection.services : Object.keys(project.model.services);
    const chosenSet = new Set(chosen);
    const ordered = startLevels(chosen, new Map(chosen.map((s) => [s, (deps.get(s) ?? []).filter((d) => chosenSet.has(d.service))]))).flat();
    const facts: RunFacts = {
      id: randomUUID(),
      project: project.name,
      kind: selection.kind,
      startedAt: Date.now(),
      services: ordered,
      // A restart does not wait on dependencies: nothing held its services but their own start.
      deps: Object.fromEntries(ordered.map((s) => [s, selection.kind === 'restart' ? [] : (deps.get(s) ?? []).filter((d) => chosenSet.has(d.service)).map((d) => ({ service: d.service, condition: CONDITION[d.condition] ?? 'started' }))])),
      steps: {},
      healthchecks: fileHealthchecks(project, ordered),
      containers: {},
    };
    const images = new Map<string, string[]>();
    for (const service of ordered) {
      const image = project.model.services[service]?.image;
      if (image) images.set(image, [...(images.get(image) ?? []), service]);
    }
    await this.listen();
    for (const run of this.live.values()) if (run.facts.project === project.name) run.stop();
    const run = new LiveRun(facts, projectId, this, images);
    this.live.set(facts.id, run);
    this.options.store.add(facts);
    return {
      bind: (taskId) => {
        run.taskId = taskId;
      },
      // The call failed before a task started (bad input): there is no run to show.
      discard: () => {
        run.stop();
        this.options.store.remove(facts);
      },
      progress: (p) => run.onProgress(p),
      done: (d) => run.onDone(d),
    };
  }

  /**
   * Records work that is not a task of its own (the live project file's apply: an up of the
   * changed services): its stack steps as they come, then its end. The work runs even when
   * recording cannot start.
   */
  async record<T>(project: Project, projectId: string, selection: RunSelection, work: (onStep: (step: StackStep) => void) => Promise<T>): Promise<T> {
    const recording = await this.begin(project, projectId, selection).catch(() => undefined);
    const taskId = `untracked-${randomUUID()}`;
    const kind = `stack.${selection.kind}`;
    recording?.bind(taskId);
    const onStep = (step: StackStep) => recording?.progress({ taskId, kind, projectId, message: `${step.kind} ${step.name} ${step.status}`, subject: step.service ?? step.name, stack: step });
    try {
      const result = await work(onStep);
      recording?.done({ taskId, kind, projectId, ok: true });
      return result;
    } catch (error) {
      recording?.done({ taskId, kind, projectId, ok: false, error: { code: 'failed', message: errorMessage(error) } });
      throw error;
    }
  }

  /** The live run of this id, if it is still followed here. */
  liveRun(id: string): LiveRun | undefined {
    return this.live.get(id);
  }

  ended(run: LiveRun): void {
    this.live.delete(run.facts.id);
    if (this.live.size === 0) this.quiet();
  }

  dispose(): void {
    for (const run of [...this.live.values()]) run.stop();
    this.quiet();
  }

  private async listen(): Promise<void> {
    if (!this.unsubscribeEngine) {
      const engine = await this.options.engineEvents();
      const onEvent = (event: EngineEvent) => {
        for (const run of this.live.values()) run.onEngineEvent(event);
      };
      engine.on('event', onEvent);
      this.unsubscribeEngine = () => engine.off('event', onEvent);
    }
    if (this.unsubscribeTasks.length === 0) {
      // The task's id is bound when its call answers; a step reported before that is matched by project and kind.
      const byTask = (e: { taskId: string; kind: string; projectId?: string | undefined }) => {
        const runs = [...this.live.values()];
        const run = runs.find((r) => r.taskId === e.taskId) ?? runs.find((r) => r.taskId === undefined && r.facts.project === e.projectId && e.kind === `stack.${r.facts.kind}`);
        if (run) run.taskId = e.taskId;
        return run;
      };
      this.unsubscribeTasks.push(
        this.options.events.on('task.progress', (p) => byTask(p)?.onProgress(p)),
        this.options.events.on('task.done', (d) => byTask(d)?.onDone(d)),
      );
    }
  }

  /** Nothing recorded: no listener left on the engine's events or the task events (idle means idle). */
  private quiet(): void {
    this.unsubscribeEngine?.();
    this.unsubscribeEngine = undefined;
    for (const off of this.unsubscribeTasks.splice(0)) off();
  }
}

/** What the compose file says of each service's healthcheck (as up reads it); a service it says nothing of is left to its image. */
function fileHealthchecks(project: Project, services: string[]): Record<string, boolean> {
  const known: Record<string, boolean> = {};
  for (const service of services) {
    const health = project.model.services[service]?.healthcheck;
    if (health?.disable || health?.test?.[0] === 'NONE') known[service] = false;
    else if (health?.test && health.test.length > 0) known[service] = true;
  }
  return known;
}

export type { LiveRun };
