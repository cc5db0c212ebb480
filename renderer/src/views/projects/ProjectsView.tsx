import { useState } from 'react';
import { useApp } from '../../app-context';
import { ErrorNote } from '../common/ErrorNote';
import { PanelBoundary } from '../common/PanelBoundary';
import { EmptyState } from '../common/States';
import { FirstRun } from '../host/FirstRun';

/** Open a project: a folder path (the browser has no native dialog), recent and open projects. */
export function ProjectsView() {
  const projects = useApp((s) => s.projects);
  const opening = useApp((s) => s.opening);
  const openError = useApp((s) => s.openError);
  const openProject = useApp((s) => s.openProject);
  const selectProject = useApp((s) => s.selectProject);
  // In the Electron window the preload offers a native folder picker; the browser has the path field only.
  const desktop = useApp((s) => s.desktop);
  const [path, setPath] = useState('');
  const recent = useApp((s) => s.recent);
  return (
    <div className="projects-view">
      <h1>Projects</h1>
      {projects.length === 0 ? (
        <PanelBoundary title="first-run">
          <FirstRun />
        </PanelBoundary>
      ) : null}
      <form
        aria-label="Open a project"
        className="open-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) void openProject(path.trim());
        }}
      >
        <label htmlFor="project-path">Open a folder with a compose.yaml</label>
        <div className="row">
          <input id="project-path" type="text" placeholder="/home/you/src/my-app" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} autoComplete="off" />
          <button type="submit" className="primary" disabled={opening || path.trim() === ''}>
            {opening ? 'Opening…' : 'Open'}
          </button>
          {desktop ? (
            <button
              type="button"
              disabled={opening}
              onClick={() =>
                void desktop.pickFolder().then((folder) => {
                  if (folder) void openProject(folder);
                })
              }
            >
              Choose folder…
            </button>
          ) : null}
        </div>
        <ErrorNote error={openError} />
      </form>
      {projects.length > 0 ? (
        <section aria-label="Open projects">
          <h2>Open now</h2>
          <ul className="project-list">
            {projects.map((p) => (
              <li key={p.projectId}>
                <button type="button" className="project-link" onClick={() => selectProject(p.projectId)}>
                  <strong>{p.name}</strong> <code>{p.workingDir}</code>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-label="Recent projects">
        <h2>Recent</h2>
        {recent.length === 0 ? (
          <EmptyState title="No recent projects">Projects you open appear here.</EmptyState>
        ) : (
          <ul className="project-list">
            {recent.map((p) => (
              <li key={p.path}>
                <button type="button" className="project-link" disabled={opening} onClick={() => void openProject(p.path)}>
                  <strong>{p.name}</strong> <code>{p.path}</code>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
