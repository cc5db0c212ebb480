import type { AppStore } from './app-store';

/**
 * Keeps the store live from events: the state feed (state.changed, engine.status). A
 * debounced refetch fills gaps. (Up and Down wait for their own task through client.runTask.)
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
    // The core records every opened project in settings, whoever opened it.
    client.on('settings.changed', (settings) => store.setState({ recent: settings.recentProjects })),
    client.on('state.changed', (event) => {
      const s = store.getState();
      if (event.projectId !== s.currentId) return;
      s.applyServices(event.state.services);
      s.setHost({ ...s.host, status: event.state.engine });
    }),
    client.on('engine.status', (event) => {
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
  ];
  return () => {
    clearTimeout(refetch);
    for (const off of offs) off();
  };
}
