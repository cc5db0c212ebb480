import type { SlipwayClient } from '../../shared/client';
import type { NavigateTarget } from '../../shared/contract/desktop';
import { toErrorInfo, type ErrorInfo } from '../../shared/errors';
import type { TrayAction } from './tray-model';

/**
 * What a tray (or dock) item does, written against injected functions so it is tested
 * without Electron: stack actions are contract calls, views open the window on a target.
 */
export interface ActionDeps {
  client: Pick<SlipwayClient, 'call' | 'runTask'>;
  show(target: NavigateTarget): void;
  openFolder(): void;
  /** Opens an http(s) address in the user's browser. */
  openUrl(url: string): void;
  quit(): void;
  /** A call or task failed: tell the user (a notification). */
  report(title: string, error: ErrorInfo): void;
}

export async function runTrayAction(action: TrayAction, deps: ActionDeps): Promise<void> {
  switch (action.kind) {
    case 'stack.up':
    case 'stack.down':
      // Started only: the task's own notice (notification-rules) says how it ended.
      await reported(deps, action.kind === 'stack.up' ? 'Up' : 'Down', deps.client.call(action.kind, { projectId: action.projectId }));
      return;
    case 'stack.restart':
      // Waits for the restart: a service that does not come back is reported.
      await reported(deps, 'Restart', deps.client.runTask('stack.restart', { projectId: action.projectId }));
      return;
    case 'service.restart':
      await reported(deps, `Restart ${action.service}`, deps.client.runTask('stack.restart', { projectId: action.projectId, services: [action.service] }));
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
    case 'open-url':
      deps.openUrl(action.url);
      return;
    case 'quit':
      deps.quit();
      return;
  }
}

/** Waits for a call or task; a refusal or failure is reported to the user. True when it went through. */
async function reported(deps: ActionDeps, title: string, work: Promise<unknown>): Promise<boolean> {
  try {
    await work;
    return true;
  } catch (error) {
    deps.report(`${title} failed`, toErrorInfo(error));
    return false;
  }
}

/** Build, then push when the build succeeded; the build view shows the progress. */
async function buildAndPush(projectId: string, deps: ActionDeps): Promise<void> {
  deps.show({ view: 'build', projectId });
  let started = false;
  try {
    await deps.client.runTask('images.build', { projectId }, undefined, { onStarted: () => (started = true) });
  } catch (error) {
    // A build that ran and failed has its own notice (notification-rules); a refused call is reported here.
    if (!started) deps.report('Build failed', toErrorInfo(error));
    return;
  }
  await reported(deps, 'Push', deps.client.call('images.push', { projectId }));
}
