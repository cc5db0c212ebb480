import type { Project } from '../../../shared/model/project';
import { SlipwayError } from '../../../shared/errors';
import { byService, listProjectContainers } from '../state/container-list';
import { readinessFromInspect } from '../state/container-record';
import { ServiceFailedError } from './errors';
import { dependenciesOf } from './plan';
import { NotReadyError, ReadinessWatch } from './readiness';
import type { ProgressListener, StackCore } from './types';
import { upProject } from './up';

/**
 * Before a one-off starts: its dependencies brought up as `up` brings them (each gated on its
 * own dependencies), then each awaited on the condition the service itself declares —
 * started, healthy, or completed successfully — as Compose's `run` waits for them. A failed
 * `required: false` dependency is a warning.
 */
export async function upDependencies(core: StackCore, project: Project, service: string, options: { timeoutMs?: number; signal?: AbortSignal; report: ProgressListener }): Promise<void> {
  const direct = (dependenciesOf(project).get(service) ?? []).filter((d) => project.model.services[d.service]);
  if (direct.length === 0) return;
  const docker = core.docker().docker;
  const { report } = options;
  // One controller and a plain timer (cleared below), aborted by the task's cancel or the limit.
  const limit = new AbortController();
  const signal = limit.signal;
  const cancel = () => limit.abort();
  options.signal?.addEventListener('abort', cancel, { once: true });
  const timer = options.timeoutMs !== undefined ? setTimeout(cancel, options.timeoutMs) : undefined;
  // Subscribe before acting: Docker does not replay events.
  const watch = new ReadinessWatch(await core.engineEvents(), project.name, async (id) => readinessFromInspect(await docker.getContainer(id).inspect()));
  try {
    await upProject(core, project, {
      services: direct.map((d) => d.service),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: report,
    });
    const containers = byService(await listProjectContainers(docker, project.name, direct.map((d) => d.service)));
    // Every replica of a dependency meets its condition, as Compose's waitDependencies.
    const awaited = direct.flatMap((dep) => (dep.condition === 'service_started' ? [] : (containers.get(dep.service) ?? []).map((container) => ({ dep, container }))));
    await Promise.all(awaited.map(async ({ dep, container }) => {
      const info = await docker.getContainer(container.id).inspect();
      watch.seed(container.id, readinessFromInspect(info));
      const test = info.Config.Healthcheck?.Test;
      if (dep.condition === 'service_healthy' && !(Array.isArray(test) && test.length > 0 && test[0] !== 'NONE')) {
        throw new ServiceFailedError('no_healthcheck', dep.service, `Service ${dep.service} has no healthcheck, but ${service} waits for it to be healthy`, [], `Add a healthcheck: to ${dep.service}, or use condition: service_started.`);
      }
      report({ kind: 'Container', name: container.name, status: 'Waiting', service: dep.service });
      try {
        if (dep.condition === 'service_healthy') await watch.healthy(container.id, signal);
        else await watch.completed(container.id, signal);
      } catch (error) {
        if (signal.aborted && !options.signal?.aborted) {
          throw new SlipwayError('timeout', `Service ${dep.service} was not ${dep.condition === 'service_healthy' ? 'healthy' : 'completed'} within ${(options.timeoutMs ?? 0) / 1000} s; ${service} was not run`, `Look at \`slipway logs ${dep.service}\`; raise --wait-timeout if it is just slow.`);
        }
        if (!(error instanceof NotReadyError)) throw error;
        if (!dep.required) {
          report({ kind: 'Warning', name: project.name, status: `Optional dependency ${dep.service} of ${service} ${error.reason}; running ${service} anyway.` });
          return;
        }
        report({ kind: 'Container', name: container.name, status: 'Error', service: dep.service });
        throw new ServiceFailedError('dependency_failed', dep.service, `Service ${dep.service} ${error.reason}; ${service} was not run`);
      }
      report({ kind: 'Container', name: container.name, status: dep.condition === 'service_healthy' ? 'Healthy' : 'Exited', service: dep.service });
    }));
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
    watch.dispose();
  }
}
