import { useEffect, useSyncExternalStore } from 'react';
import { StoresContext, useApp, type Stores } from './app-context';
import type { ConnectionStatus } from './client/ws-client';
import { connectFeeds } from './store/feeds';
import { useShortcuts } from './use-shortcuts';
import { LoadingState } from './views/common/States';
import { EngineBanner } from './views/common/EngineBanner';
import { ErrorNote } from './views/common/ErrorNote';
import { PanelBoundary } from './views/common/PanelBoundary';
import { CommandPalette } from './views/palette/CommandPalette';
import { ProjectView } from './views/project/ProjectView';
import { ProjectsView } from './views/projects/ProjectsView';
import { resubscribeLiveStats } from './stats/use-live-stats';
import { TopBar } from './views/TopBar';

export interface AppProps {
  stores: Stores;
  /** The WebSocket client's status; always open for the preload bridge. */
  connection?: { status: ConnectionStatus; onStatus(listener: (s: ConnectionStatus) => void): () => void };
}

export function App({ stores, connection }: AppProps) {
  return (
    <StoresContext.Provider value={stores}>
      <Shell stores={stores} {...(connection ? { connection } : {})} />
    </StoresContext.Provider>
  );
}

function Shell({ stores, connection }: AppProps) {
  const status = useSyncExternalStore(
    (onChange) => connection?.onStatus(onChange) ?? (() => undefined),
    () => connection?.status ?? 'open',
  );
  const currentId = useApp((s) => s.currentId);
  const loaded = useApp((s) => s.projectsLoaded);
  const projectsError = useApp((s) => s.projectsError);
  useShortcuts(stores);
  useEffect(() => connectFeeds(stores.app), [stores]);
  useEffect(() => {
    void stores.app.getState().loadProjects();
    void stores.app.getState().loadRecent();
    if (!connection) return;
    return connection.onStatus((next) => {
      // After a reconnect, the server has no subscriptions of ours: start over.
      if (next === 'open') {
        void stores.app.getState().loadProjects();
        const id = stores.app.getState().currentId;
        if (id) {
          void stores.app.getState().refreshServices();
          void stores.logs.start(id);
          resubscribeLiveStats();
        }
      }
    });
  }, [stores, connection]);
  return (
    <div className="app">
      <TopBar connection={status} />
      <main className="app-main">
        <EngineBanner />
        {!loaded ? <LoadingState label="Loading projects…" /> : null}
        <ErrorNote error={projectsError} />
        {loaded && currentId ? (
          <PanelBoundary key={currentId} title="project">
            <ProjectView projectId={currentId} />
          </PanelBoundary>
        ) : null}
        {loaded && !currentId ? (
          <PanelBoundary title="projects">
            <ProjectsView />
          </PanelBoundary>
        ) : null}
      </main>
      <CommandPalette />
    </div>
  );
}
