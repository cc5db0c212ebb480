import type { NavigateTarget } from '../../shared/contract/desktop';
import type { TaskDone } from '../../shared/contract/tasks';
import type { Envelope } from '../../shared/envelope';
import type { ErrorInfo } from '../../shared/errors';
import type { TrayAction } from './tray-model';

/**
 * What a tray (or dock) item does, written against injected functions so it is tested
 * without Electron: stack actions are contract calls, views open the window on a target.
 */
export interface ActionDeps {
  call(name: string, input: unknown): Promise<Envelope<unknown>>;
  /** Resolves with the task's end (from task.done events). */
  waitForTask(taskId: string): Promise<TaskDone>;
  show(target: NavigateTarget): void;
  openFolder(): void;
  quit(): void;
  /** A call or task failed: tell the user (a notification). */
  report(title: string, error: ErrorInfo): void;
}

export async function runTrayAction(action: TrayAction, deps: ActionDeps): Promise<void> {
  switch (action.kind) {
    case 'stack.up':
    case 'stack.down':
      await called(deps, action.kind === 'stack.up' ? 'Up' : 'Down', action.kind, { projectId: action.projectId });
      return;
    case 'stack.restart':
      await called(deps, 'Restart', 'stack.restart', { projectId: action.projectId });
      return;
    case 'service.restart':
      await called(deps, `Restart ${action.service}`, 'stack.restart', { projectId: action.projectId, services: [action.service] });
      return;
    case 'service.logs':
      deps.show({ view: 'logs', projectId: action.projectId, service: action.service });
      return;
    case 'service.shell':
      deps.show({ view: 'terminal', projectId: action.projectId, service: action.service });
      return;
    case 'build-push':
      await buildAndPush(action.projectId, deps);
      return;
    case 'open-project':
      deps.show({ view: 'project', projectId: action.projectId });
      return;
    case 'open-dashboard':
      deps.show({ view: 'dashboard' });
      return;
    case 'open-folder':
      deps.openFolder();
      return;
    case 'quit':
      deps.quit();
      return;
  }
}

async function called(deps: ActionDeps, title: string, name: string, input: unknown): Promise<unknown> {
  const answer = await deps.call(name, input);
  if (!answer.ok) {
    deps.report(`${title} failed`, answer.error);
    return undefined;
  }
  return answer.value;
}

/** Build, then push when the build succeeded; the build view shows the progress. */
async function buildAndPush(projectId: string, deps: ActionDeps): Promise<void> {
  deps.show({ view: 'build', projectId });
  const started = (await called(deps, 'Build', 'images.build', { projectId })) as { taskId: string } | undefined;
  if (!started) return;
  const built = await deps.waitForTask(started.taskId);
  if (!built.ok) return; // the build's own failure notice says why
  await called(deps, 'Push', 'images.push', { projectId });
}
