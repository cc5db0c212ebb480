import type Docker from 'dockerode';
import type { Project } from '../../../shared/model/project';
import { isSlipwayError, SlipwayError } from '../../../shared/errors';
import { ServiceFailedError, lastLogLines } from './errors';
import type { Dependency } from './plan';
import { NotReadyError } from './readiness';
import type { ReadinessWatch } from './readiness';
import type { CreatedContainer } from './service-container';
import type { ProgressListener } from './types';
import { withDeadline } from '../deadline';

/** How long a dependency without a healthcheck may take to crash before its missing healthcheck is the error. */
const NO_HEALTHCHECK_GRACE_MS = 1000;

/** A service that was not started because a dependency failed; `root` is the failure to report. */
export class DependencyFailedError extends ServiceFailedError {
  constructor(service: string, readonly root: ServiceFailedError) {
    super('dependency_failed', service, `Service ${service} was not started: its dependency ${root.service} failed (${root.message})`, root.logTail);
  }
}

/** A container the gate starts; `existing` when it was there before this run (with its state then). */
export interface GateContainer extends CreatedContainer {
  existing?: { running: boolean; exitCode?: number };
}

/** What starting one container came to: (re)started now, already running, or a one-shot left completed. */
type ReplicaStart = 'started' | 'running' | 'completed';

export interface GateOptions {
  docker: Docker;
  project: Project;
  deps: Map<string, Dependency[]>;
  selected: Set<string>;
  watch: ReadinessWatch;
  report: ProgressListener;
  warn: (message: string) => void;
  signal: AbortSignal | undefined;
  hasHealthcheck: (service: string) => boolean;
  /** Services some other service waits on with service_completed_successfully (one-shots). */
  completionDeps: Set<string>;
  /** Every container (replica) of a service, once created. */
  containersOf: (service: string) => Promise<GateContainer[]>;
  actions: Record<string, string>;
  start: (service: string, container: CreatedContainer) => Promise<void>;
}

/**
 * Starts each service as soon as its dependencies' conditions hold: service_started (the
 * dependency's start returned), service_healthy (its `health_status: healthy` event),
 * service_completed_successfully (its `die` event with exit code 0) — for every replica of
 * the dependency, as Compose waits for all of them. A dependency that fails stops its
 * dependents (unless `required: false`), with the failure's own message.
 */
export class StartGate {
  private readonly started = new Map<string, Promise<void>>();
  private readonly failures = new Map<string, Promise<ServiceFailedError>>();
  private readonly reported = new Set<string>();
  /** Services (re)started in this run, for dependents with `restart: true`. */
  private readonly restartedNow = new Set<string>();
  readonly running = new Set<string>();

  constructor(readonly options: GateOptions) {}

  async startAll(services: string[]): Promise<void> {
    const results = await Promise.allSettled(services.map((s) => this.startService(s)));
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    if (errors.length === 0) return;
    const notStarted = services.filter((_, i) => results[i]?.status === 'rejected');
    if (this.options.signal?.aborted && !errors.some((e) => e instanceof ServiceFailedError)) {
      // Cancelled (Ctrl+C, the dashboard's Cancel) is said as such, not as a timeout.
      const reason: unknown = this.options.signal.reason;
      if (isSlipwayError(reason) && reason.code === 'cancelled') throw reason;
      throw new SlipwayError('timeout', `Not started in time: ${notStarted.join(', ')} (still waiting for their dependencies)`, 'Look at `slipway ps` and the logs of their dependencies; raise --wait-timeout if they are just slow.');
    }
    throw summarize(errors, notStarted);
  }

  startService(service: string): Promise<void> {
    let promise = this.started.get(service);
    if (!promise) {
      promise = this.run(service);
      this.started.set(service, promise);
    }
    return promise;
  }

  private async run(service: string): Promise<void> {
    const { options } = this;
    const containers = await options.containersOf(service);
    const deps = (options.deps.get(service) ?? []).filter((d) => options.selected.has(d.service));
    await Promise.all(deps.map((dep) => this.waitDependency(service, dep)));
    options.signal?.throwIfAborted();
    const restartNow = deps.some((d) => d.restart && this.restartedNow.has(d.service));
    const outcomes = await Promise.all(containers.map((c) => this.startReplica(service, c, restartNow)));
    if (outcomes.includes('started')) this.restartedNow.add(service);
    if (outcomes.some((o) => o !== 'completed')) this.running.add(service);
  }

  private async startReplica(service: string, container: GateContainer, restartNow: boolean): Promise<ReplicaStart> {
    const { options } = this;
    const existing = container.existing;
    if (existing?.running) {
      if (!restartNow) {
        options.report({ kind: 'Container', name: container.name, status: 'Running', service });
        return 'running';
      }
      options.report({ kind: 'Container', name: container.name, status: 'Restarting', service });
      options.watch.reset(container.id);
      await options.docker.getContainer(container.id).restart();
      options.actions[service] = 'restarted';
      options.report({ kind: 'Container', name: container.name, status: 'Restarted', service });
      return 'started';
    }
    if (existing) {
      if (existing.exitCode === 0 && options.completionDeps.has(service)) {
        // A one-shot that already completed with this configuration is not run again.
        options.report({ kind: 'Container', name: container.name, status: 'Exited', service });
        return 'completed';
      }
      options.watch.reset(container.id);
      options.actions[service] = 'started';
    }
    await options.start(service, container);
    return 'started';
  }

  private async waitDependency(service: string, dep: Dependency): Promise<void> {
    const { options } = this;
    try {
      await this.startService(dep.service);
      if (dep.condition === 'service_started') return;
      // Scaled to 0: nothing to wait for (Compose's shouldWaitForDependency).
      const containers = await options.containersOf(dep.service);
      if (dep.condition === 'service_healthy' && containers.length > 0 && !options.hasHealthcheck(dep.service)) {
        await Promise.all(containers.map((c) => this.crashWithinGrace(dep.service, c)));
        throw new ServiceFailedError('no_healthcheck', dep.service, `Service ${dep.service} has no healthcheck, but ${service} waits for it to be healthy`, [], `Add a healthcheck: to ${dep.service}, or use condition: service_started.`);
      }
      await this.allReady(dep.service, containers, dep.condition === 'service_healthy' ? 'healthy' : 'completed');
    } catch (error) {
      if (options.signal?.aborted && !(error instanceof ServiceFailedError)) throw error;
      const root = error instanceof DependencyFailedError ? error.root : error instanceof ServiceFailedError ? error : new ServiceFailedError('start_failed', dep.service, `Service ${dep.service} failed: ${(error as Error).message}`);
      if (!dep.required) {
        options.warn(`Optional dependency ${dep.service} of ${service} failed (${root.message}); starting ${service} anyway.`);
        return;
      }
      throw new DependencyFailedError(service, root);
    }
  }

  /** Every replica healthy (or exited 0), each reported as it gets there; the first failure is the service's. */
  private async allReady(service: string, containers: CreatedContainer[], condition: 'healthy' | 'completed'): Promise<void> {
    const { options } = this;
    await Promise.all(containers.map(async (container) => {
      this.reportOnce(container, service, 'Waiting');
      await this.failAs(service, container, options.watch[condition](container.id, options.signal));
      this.reportOnce(container, service, condition === 'healthy' ? 'Healthy' : 'Exited');
    }));
  }

  /**
   * A dependency awaited as healthy that has no healthcheck: when it crashes right after its
   * start (within about Compose's first poll), that crash is the error — not the missing healthcheck.
   */
  private async crashWithinGrace(service: string, container: CreatedContainer): Promise<void> {
    const grace = withDeadline(this.options.signal, NO_HEALTHCHECK_GRACE_MS);
    try {
      await this.failAs(service, container, this.options.watch.completed(container.id, grace.signal));
    } catch (error) {
      if (error instanceof ServiceFailedError || this.options.signal?.aborted) throw error;
    } finally {
      grace.dispose();
    }
  }

  /** Turns a readiness failure into the dependency's own error (with its last log lines), once per service. */
  async failAs(service: string, container: CreatedContainer, waiting: Promise<void>): Promise<void> {
    try {
      await waiting;
    } catch (error) {
      if (!(error instanceof NotReadyError)) throw error;
      let failure = this.failures.get(service);
      if (!failure) {
        failure = lastLogLines(this.options.docker, container.id).then((logs) => {
          this.options.report({ kind: 'Container', name: container.name, status: 'Error', service });
          const code = this.options.watch.exitCode(container.id);
          return new ServiceFailedError(code !== undefined ? 'service_exited' : 'service_unhealthy', service, `Service ${service} ${error.reason}`, logs);
        });
        this.failures.set(service, failure);
      }
      throw await failure;
    }
  }

  private reportOnce(container: CreatedContainer, service: string, status: string): void {
    const key = `${container.id}:${status}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.options.report({ kind: 'Container', name: container.name, status, service });
  }

  /** For `--wait`: what a service must reach to count as ready (every replica). */
  async waitReady(service: string): Promise<void> {
    const { options } = this;
    if (!this.running.has(service)) return;
    const containers = await options.containersOf(service);
    if (options.hasHealthcheck(service)) {
      await this.allReady(service, containers, 'healthy');
    } else if (options.completionDeps.has(service)) {
      await this.allReady(service, containers, 'completed');
    } else {
      for (const container of containers) {
        const code = options.watch.exitCode(container.id);
        if (code !== undefined && code !== 0) {
          await this.failAs(service, container, Promise.reject(new NotReadyError(container.id, `exited with code ${code}`)));
        }
      }
    }
  }
}

/** `--wait`: every started service healthy (where it has a healthcheck), one-shots completed. */
export async function waitReady(gate: StartGate, services: string[]): Promise<void> {
  const pending = new Set(services);
  const results = await Promise.allSettled(services.map(async (s) => {
    await gate.waitReady(s);
    pending.delete(s);
  }));
  const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (errors.length === 0) return;
  const failed = errors.find((e) => e instanceof ServiceFailedError);
  if (failed) throw failed;
  if (gate.options.signal?.aborted) {
    throw new SlipwayError('timeout', `Not ready in time: ${[...pending].join(', ')}`, 'Look at `slipway ps` and `slipway logs` for these services; raise --wait-timeout if they are just slow.');
  }
  throw errors[0];
}

function summarize(errors: unknown[], notStarted: string[]): Error {
  const roots: ServiceFailedError[] = [];
  for (const error of errors) {
    const root = error instanceof DependencyFailedError ? error.root : error;
    if (root instanceof ServiceFailedError) {
      if (!roots.some((r) => r.service === root.service)) roots.push(root);
    } else if (!(error instanceof ServiceFailedError)) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }
  const root = roots[0];
  if (!root) return errors[0] instanceof Error ? errors[0] : new Error(String(errors[0]));
  const dependents = notStarted.filter((s) => s !== root.service);
  const tail = dependents.length > 0 ? `; not started: ${dependents.join(', ')}` : '';
  return new ServiceFailedError(root.code, root.service, `${root.message}${tail}`, root.logTail, root.hint);
}
