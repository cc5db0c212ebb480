import type { EngineStatus, StateChanged } from '../../../shared/contract/state';
import type { AppStore } from './app-store';
import { onByName } from './loose-client';

/**
 * Keeps the store live from events: the state feed (state.changed, engine.status),
 * task completion. A debounced refetch fills gaps.
 */
export function connectFeeds(store: AppStore): () => void {
  const { client } = store.getState();
  let refetch: ReturnType<typeof setTimeout> | undefined;
  const scheduleRefresh = (ms = 150) => {
    clearTimeout(refetch);
    refetch = setTimeout(() => void store.getState().refreshServices(), ms);
  };
  const offs = [
    client.on('project.opened', () => void store.getState().loadProjects()),
    client.on('project.closed', () => void store.getState().loadProjects()),
    onByName<StateChanged>(client, 'state.changed', (event) => {
      const s = store.getState();
      if (event.projectId !== s.currentId) return;
      s.applyServices(event.state.services);
      s.setHost({ ...s.host, status: event.state.engine });
    }),
    onByName<EngineStatus>(client, 'engine.status', (event) => {
      store.getState().setHost({ status: event.status, ...(event.message ? { message: event.message } : {}) });
      if (event.status === 'up') scheduleRefresh(0);
    }),
    client.on('desktop.navigate', (target) => {
      // From the desktop shell (tray, notifications, menu): show this view.
      const s = store.getState();
      if (target.view === 'open-project') return s.selectProject(undefined);
      if (target.projectId && target.projectId !== s.currentId) s.selectProject(target.projectId);
      if (target.view === 'logs') s.showLogs(target.service);
      if (target.view === 'terminal' && target.service) s.openTerminal(target.service);
    }),
    client.on('task.done', (event) => {
      const s = store.getState();
      const done = { ok: event.ok, ...(event.error ? { error: event.error } : {}) };
      const ids = Object.keys(s.doneTasks).slice(-20);
      store.setState({ doneTasks: { ...Object.fromEntries(ids.map((id) => [id, s.doneTasks[id]!])), [event.taskId]: done } });
      if (event.taskId !== s.stackTaskId) return;
      store.setState({ stackBusy: undefined, stackTaskId: undefined, ...(event.ok ? {} : { stackError: event.error }) });
      scheduleRefresh(0);
    }),
  ];
  return () => {
    clearTimeout(refetch);
    for (const off of offs) off();
  };
}
